import { Button, Field, Input, Label, Paragraph, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbortError } from '../../api/http';
import { searchCpv, type CpvItem } from '../../api/reference';
import { useLanguage } from '../i18n/use-format';
import { CpvLabel } from './cpv-label';

interface CpvPickerProps {
  id: string;
  label: string;
  description?: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
  max?: number;
}

/**
 * Search the CPV vocabulary by code or words (sv/en) and add codes one by one. Results are a list
 * of buttons (no combobox): plain to use with a keyboard and a screen reader; the number of hits
 * is announced. Chosen codes are listed with their labels and a remove button each.
 */
export function CpvPicker({ id, label, description, value, onChange, error, max = 50 }: CpvPickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CpvItem[] | undefined>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setHits(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchCpv(q, language, controller.signal).then(
        (result) => {
          setFailed(false);
          setHits(result.items);
        },
        (e: unknown) => {
          if (!isAbortError(e)) setFailed(true);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, language]);

  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  return (
    <div className="bt-picker" role="group" aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} className="bt-picker__legend">
        {label}
      </p>
      {value.length > 0 ? (
        <ul className="bt-picker__chosen" aria-label={t('picker.chosen', { label })}>
          {value.map((code) => (
            <li key={code}>
              <span>
                <CpvLabel code={code} />
              </span>
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => onChange(value.filter((c) => c !== code))}
                aria-label={t('picker.removeCode', { code })}
              >
                {t('picker.remove')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Paragraph data-size="sm" className="bt-muted">
          {t('picker.noneChosen')}
        </Paragraph>
      )}
      <Field>
        <Label htmlFor={id}>{t('picker.cpvSearch')}</Label>
        {description && (
          <Paragraph data-size="sm" id={descriptionId} className="bt-muted">
            {description}
          </Paragraph>
        )}
        <Input
          id={id}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={
            [description ? descriptionId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
          }
          aria-invalid={error ? true : undefined}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            // Enter in the search field must not submit the whole form.
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
        {error && <ValidationMessage id={errorId}>{error}</ValidationMessage>}
      </Field>
      <div role="status" className="bt-visually-hidden">
        {hits ? t('picker.hits', { count: hits.length }) : ''}
      </div>
      {failed && <Paragraph data-size="sm">{t('picker.failed')}</Paragraph>}
      {hits && hits.length > 0 && (
        <ul className="bt-picker__hits" aria-label={t('picker.hitsLabel')}>
          {hits.map((hit) => {
            const chosen = value.includes(hit.code);
            return (
              <li key={hit.code}>
                <Button
                  variant="secondary"
                  data-size="sm"
                  disabled={chosen || value.length >= max}
                  onClick={() => {
                    onChange([...value, hit.code]);
                  }}
                >
                  {chosen ? t('picker.added') : t('picker.add')}
                  <span className="bt-visually-hidden">: </span>
                </Button>
                <span>
                  <span className="bt-code">{hit.code}</span> {hit.label}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
