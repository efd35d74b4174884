import {
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Select,
  Tag,
} from '@digdir/designsystemet-react';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { needMatches, type NeedMatch } from '../../api/matches';
import type { CompanySize } from '../../api/suppliers';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { useFormat } from '../../shared/i18n/use-format';
import { useRegionNames } from '../../shared/reference/region-picker';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { Pager } from '../../shared/ui/pager';
import { regionCodes } from '../needs/labels';
import { suppliersHref } from '../suppliers/supplier-search-params';
import { NeedWorkspace, type NeedContext } from './need-workspace';

/** `/behov/:id/matchningar?minScore=&region=&size=&page=`: suppliers ranked for the need, with why. */
export function NeedMatchesPage() {
  const { t } = useTranslation();
  return (
    <NeedWorkspace title={t('needMatches.title')}>{(context) => <Matches context={context} />}</NeedWorkspace>
  );
}

const sizes: CompanySize[] = ['micro', 'small', 'medium', 'large'];
const minScores = ['', '0.3', '0.5', '0.7'];
const partKeys = ['text', 'cpv', 'region', 'completeness'] as const;

function readFilters(params: URLSearchParams) {
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const minScore = params.get('minScore') ?? '';
  return {
    minScore: minScores.includes(minScore) ? minScore : '',
    region: list('region').filter((r) => (regionCodes as readonly string[]).includes(r)),
    size: list('size').filter((s) => (sizes as string[]).includes(s)),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function Matches({ context }: { context: NeedContext }) {
  const { t } = useTranslation();
  const { need } = context;
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const key = `${need.id}?${params.toString()}`;
  const matches = useApi(`need-matches:${key}`, (signal) =>
    needMatches(
      need.id,
      {
        minScore: filters.minScore ? Number(filters.minScore) : undefined,
        region: filters.region,
        size: filters.size,
        page: filters.page,
      },
      signal,
    ),
  );
  const href = (page: number) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set('page', String(page));
    else next.delete('page');
    return `?${next.toString().replace(/%2C/gi, ',')}`;
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const minScore = String(data.get('minScore') ?? '');
    const region = String(data.get('region') ?? '');
    const size = data.getAll('size').map(String);
    if (minScore) next.set('minScore', minScore);
    if (region) next.set('region', region);
    if (size.length) next.set('size', size.join(','));
    setParams(next);
  }

  return (
    <>
      <Paragraph className="bt-lead">{t('needMatches.lead')}</Paragraph>
      {need.status !== 'published' && need.status !== 'closed' && (
        <Paragraph className="bt-muted">{t('needMatches.notPublished')}</Paragraph>
      )}
      <form className="bt-filters" onSubmit={onSubmit} aria-labelledby="match-filters">
        <Heading level={2} data-size="xs" id="match-filters">
          {t('needMatches.filters')}
        </Heading>
        <div className="bt-filters__row">
          <div className="bt-select-field">
            <label htmlFor="match-min-score" className="ds-label">
              {t('needMatches.minScore')}
            </label>
            <Select id="match-min-score" name="minScore" defaultValue={filters.minScore}>
              {minScores.map((s) => (
                <Select.Option key={s} value={s}>
                  {s ? t('needMatches.atLeast', { percent: Number(s) * 100 }) : t('common.any')}
                </Select.Option>
              ))}
            </Select>
          </div>
          <RegionSelect value={filters.region[0] ?? ''} />
        </div>
        <Fieldset>
          <Fieldset.Legend>{t('profile.companySize')}</Fieldset.Legend>
          <div className="bt-checkbox-row">
            {sizes.map((s) => (
              <Checkbox
                key={s}
                id={`match-size-${s}`}
                name="size"
                value={s}
                label={t(`companySizeShort.${s}`)}
                defaultChecked={filters.size.includes(s)}
              />
            ))}
          </div>
        </Fieldset>
        <div className="bt-inline-actions">
          <Button type="submit" data-size="sm">
            {t('needMatches.apply')}
          </Button>
          <AppLink to={suppliersHref({ cpv: need.cpvCodes, region: need.regions })}>
            {t('needMatches.searchAll')}
          </AppLink>
        </div>
      </form>

      <Heading level={2} data-size="sm" id="match-results" ref={resultsRef} tabIndex={-1}>
        {matches.status === 'success'
          ? t('needMatches.count', { count: matches.data.total })
          : t('needMatches.resultsTitle')}
      </Heading>
      <div role="status" className="bt-visually-hidden">
        {matches.status === 'success' ? t('needMatches.count', { count: matches.data.total }) : ''}
      </div>
      {matches.status === 'loading' && <Paragraph>{t('common.loading')}</Paragraph>}
      {matches.status === 'error' && (
        <ApiErrorAlert error={matches.error} onRetry={matches.reload} headingLevel={3} />
      )}
      {matches.status === 'success' && (
        <Paragraph className={matches.data.noStrongMatches ? 'bt-empty' : 'bt-muted'}>
          {matches.data.noStrongMatches
            ? t('needMatches.noStrong', { percent: Math.round(matches.data.threshold * 100) })
            : t('needMatches.strongCount', {
                count: matches.data.strongTotal,
                percent: Math.round(matches.data.threshold * 100),
              })}
        </Paragraph>
      )}
      {matches.status === 'success' &&
        (matches.data.items.length === 0 ? (
          <div className="bt-empty">
            <Paragraph>{t('needMatches.empty')}</Paragraph>
          </div>
        ) : (
          <>
            <ol
              className="bt-plain-list bt-match-list"
              start={(matches.data.page - 1) * matches.data.pageSize + 1}
            >
              {matches.data.items.map((m, i) => (
                <li
                  key={m.supplierId}
                  className={
                    !m.strong && (i === 0 || matches.data.items[i - 1]!.strong)
                      ? 'bt-below-threshold'
                      : undefined
                  }
                >
                  {!m.strong && (i === 0 || matches.data.items[i - 1]!.strong) && (
                    <Paragraph className="bt-threshold-line">
                      {t('needMatches.thresholdLine', { percent: Math.round(matches.data.threshold * 100) })}
                    </Paragraph>
                  )}
                  <MatchCard match={m} rank={(matches.data.page - 1) * matches.data.pageSize + i + 1} />
                </li>
              ))}
            </ol>
            <Pager
              page={matches.data.page}
              totalPages={Math.ceil(matches.data.total / matches.data.pageSize)}
              href={href}
              onNavigate={() => resultsRef.current?.focus()}
            />
          </>
        ))}
    </>
  );
}

function RegionSelect({ value }: { value: string }) {
  const { t } = useTranslation();
  const name = useRegionNames();
  return (
    <div className="bt-select-field">
      <label htmlFor="match-region" className="ds-label">
        {t('needMatches.region')}
      </label>
      <Select id="match-region" name="region" defaultValue={value}>
        <Select.Option value="">{t('common.any')}</Select.Option>
        {regionCodes.map((code) => (
          <Select.Option key={code} value={code}>
            {name(code)}
          </Select.Option>
        ))}
      </Select>
    </div>
  );
}

function MatchCard({ match, rank }: { match: NeedMatch; rank: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionName = useRegionNames();
  const titleId = `match-${match.supplierId}`;
  const percent = (n: number) => format.number(Math.round(n * 100));
  return (
    <Card data-color="neutral" aria-labelledby={titleId}>
      <Heading level={3} data-size="xs" id={titleId}>
        <span className="bt-rank">{t('needMatches.rank', { rank })}</span>{' '}
        <AppLink to={paths.supplier(match.supplierId)}>{match.supplierName || match.supplierId}</AppLink>
      </Heading>
      <div className="bt-tags">
        <Tag data-color="success">{t('matches.score', { score: percent(match.score) })}</Tag>
        {match.size && <Tag data-color="neutral">{t(`companySizeShort.${match.size as CompanySize}`)}</Tag>}
        {match.regions.slice(0, 4).map((r) => (
          <Tag key={r} data-color="neutral">
            {regionName(r)}
          </Tag>
        ))}
      </div>
      <table className="bt-parts">
        <caption className="bt-visually-hidden">
          {t('needMatches.partsCaption', { name: match.supplierName })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('needMatches.part')}</th>
            <th scope="col" className="bt-num">
              {t('needMatches.partScore')}
            </th>
            <th scope="col" className="bt-num">
              {t('needMatches.weight')}
            </th>
          </tr>
        </thead>
        <tbody>
          {partKeys.map((part) => (
            <tr key={part}>
              <th scope="row">{t(`needMatches.parts.${part}`)}</th>
              <td className="bt-num">
                <span className="bt-meter" aria-hidden="true">
                  <span style={{ width: `${Math.round(match.parts[part] * 100)}%` }} />
                </span>
                {percent(match.parts[part])} %
              </td>
              <td className="bt-num">{percent(match.weights[part])} %</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Heading level={4} data-size="2xs">
        {t('needMatches.why')}
      </Heading>
      <ul>
        {match.explanation[format.language].map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </Card>
  );
}
