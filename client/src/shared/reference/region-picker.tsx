import { Checkbox, Fieldset, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRegions, type Region } from '../../api/reference';
import { useLanguage } from '../i18n/use-format';

interface RegionPickerProps {
  id: string;
  legend: string;
  description?: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}

/** Checkboxes: the Nordics, each country, and the Swedish counties; Norwegian counties folded away. */
export function RegionPicker({ id, legend, description, value, onChange, error }: RegionPickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [regions, setRegions] = useState<Region[]>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getRegions().then(setRegions, () => setFailed(true));
  }, []);

  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...new Set([...value, code])] : value.filter((c) => c !== code));
  const box = (region: Region) => (
    <Checkbox
      key={region.code}
      id={`${id}-${region.code}`}
      label={region.name[language]}
      value={region.code}
      checked={value.includes(region.code)}
      onChange={(event) => toggle(region.code, event.target.checked)}
    />
  );

  const top = (regions ?? []).filter((r) => r.level <= 0);
  const se = (regions ?? []).filter((r) => r.level === 3 && r.code.startsWith('SE'));
  const no = (regions ?? []).filter((r) => r.level === 3 && r.code.startsWith('NO'));
  return (
    <Fieldset id={id} className="bt-region-picker" aria-invalid={error ? true : undefined}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      {failed && <Paragraph>{t('picker.failed')}</Paragraph>}
      {!regions && !failed && <Paragraph data-size="sm">{t('common.loading')}</Paragraph>}
      {regions && (
        <>
          <div className="bt-region-picker__group">{top.map(box)}</div>
          <details className="bt-region-picker__more" open={se.some((r) => value.includes(r.code))}>
            <summary>{t('picker.swedishCounties')}</summary>
            <div className="bt-region-picker__grid">{se.map(box)}</div>
          </details>
          <details className="bt-region-picker__more" open={no.some((r) => value.includes(r.code))}>
            <summary>{t('picker.norwegianCounties')}</summary>
            <div className="bt-region-picker__grid">{no.map(box)}</div>
          </details>
        </>
      )}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

/** The name of a region code in the current language (the code itself until the list has loaded). */
export function useRegionNames(): (code: string) => string {
  const language = useLanguage();
  const [regions, setRegions] = useState<Map<string, Region>>();
  useEffect(() => {
    getRegions().then(
      (items) => setRegions(new Map(items.map((r) => [r.code, r]))),
      () => undefined,
    );
  }, []);
  return (code) => regions?.get(code)?.name[language] ?? code;
}
