import {
  Button,
  ErrorSummary,
  Field,
  Fieldset,
  Label,
  Search,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NeedFacets } from '../../api/needs';
import { paths } from '../../app/paths';
import { AppLink } from '../../shared/ui/app-link';
import { FilterDisclosure } from '../../shared/ui/filter-disclosure';
import { regionCodes, regionLabel, stageLabel, stages } from './labels';
import { normaliseCpv, searchHref, toSearchParams, type NeedSearchState } from './search-params';

interface NeedSearchFormProps {
  /** The search in the URL (the form's initial values). */
  state: NeedSearchState;
  /** Told the canonical query string the form is about to navigate to. */
  onSubmitted: (search: string) => void;
  facets: NeedFacets | undefined;
  networkNames: Map<string, string>;
}

const ids = {
  q: 'search-q',
  cpv: 'filter-cpv',
  region: 'filter-region',
  stage: 'filter-stage',
  network: 'filter-network',
};

/**
 * A plain form: nothing happens until the person presses "Show needs" (no surprise updates while
 * choosing, WCAG 3.2.2), and the result is a new URL, so every search can be shared and bookmarked.
 */
export function NeedSearchForm({ state, facets, networkNames, onSubmitted }: NeedSearchFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [cpvError, setCpvError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  const withCount = (label: string, count: number | undefined) =>
    count === undefined ? label : t('search.withCount', { label, count });

  // Options always include what is selected, even if the API has no count for it (yet).
  const regionOptions = [...new Set<string>([...regionCodes, ...state.region])];
  const stageOptions = [...new Set<string>([...stages, ...state.stage])];
  const networkOptions = [...new Set<string>([...Object.keys(facets?.network ?? {}), ...state.network])];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const cpv = normaliseCpv(text('cpv'));
    if (cpv.invalid.length > 0) {
      setCpvError(t('search.cpvInvalid'));
      setAttempt((n) => n + 1);
      return;
    }
    setCpvError(undefined);
    const one = (name: string) => (text(name) ? [text(name)] : []);
    const next = {
      q: text('q'),
      cpv: cpv.codes,
      region: one('region'),
      stage: one('stage'),
      network: one('network'),
      page: 1,
    };
    onSubmitted(toSearchParams(next).toString());
    void navigate(searchHref(paths.needs, next));
  }

  const activeFilters = state.cpv.length + state.region.length + state.stage.length + state.network.length;
  const filtered = state.q || activeFilters;

  return (
    <form
      role="search"
      aria-label={t('search.formLabel')}
      className="bt-search-form"
      noValidate
      onSubmit={onSubmit}
    >
      {cpvError && (
        <ErrorSummary key={attempt} className="bt-search-form__errors">
          <ErrorSummary.Heading>{t('search.errorSummaryHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            <ErrorSummary.Item>
              <ErrorSummary.Link href={`#${ids.cpv}`}>{cpvError}</ErrorSummary.Link>
            </ErrorSummary.Item>
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      <div className="bt-search-form__query">
        <Label htmlFor={ids.q}>{t('search.queryLabel')}</Label>
        <Search>
          <Search.Input id={ids.q} name="q" defaultValue={state.q} />
          <Search.Button>{t('home.searchButton')}</Search.Button>
        </Search>
      </div>
      <FilterDisclosure active={activeFilters} openWhen={Boolean(cpvError)}>
        <Fieldset className="bt-search-form__filters">
          <Fieldset.Legend>{t('search.filtersLegend')}</Fieldset.Legend>
          <div className="bt-filter-grid">
            <Field>
              <Label htmlFor={ids.region}>{t('search.regionLabel')}</Label>
              <Select id={ids.region} name="region" defaultValue={state.region[0] ?? ''}>
                <Select.Option value="">{t('common.any')}</Select.Option>
                {regionOptions.map((code) => (
                  <Select.Option key={code} value={code}>
                    {withCount(regionLabel(t, code), facets ? (facets.region[code] ?? 0) : undefined)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor={ids.stage}>{t('search.stageLabel')}</Label>
              <Select id={ids.stage} name="stage" defaultValue={state.stage[0] ?? ''}>
                <Select.Option value="">{t('common.any')}</Select.Option>
                {stageOptions.map((stage) => (
                  <Select.Option key={stage} value={stage}>
                    {withCount(stageLabel(t, stage), facets ? (facets.stage[stage] ?? 0) : undefined)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Field>
              <Label htmlFor={ids.network}>{t('search.networkLabel')}</Label>
              <Select id={ids.network} name="network" defaultValue={state.network[0] ?? ''}>
                <Select.Option value="">{t('common.any')}</Select.Option>
                {networkOptions.map((id) => (
                  <Select.Option key={id} value={id}>
                    {withCount(networkNames.get(id) ?? id, facets?.network[id])}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Textfield
              id={ids.cpv}
              name="cpv"
              label={t('search.cpvLabel')}
              description={t('search.cpvDescription')}
              defaultValue={state.cpv.join(', ')}
              autoComplete="off"
              error={cpvError}
            />
          </div>
        </Fieldset>
        <div className="bt-actions">
          <Button type="submit">{t('search.submit')}</Button>
          {filtered ? <AppLink to={paths.needs}>{t('search.clear')}</AppLink> : null}
        </div>
      </FilterDisclosure>
    </form>
  );
}
