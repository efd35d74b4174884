import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { searchNeeds, type NeedFacets, type NeedSummary } from '../../api/needs';
import { paths } from '../../app/paths';
import { useApi } from '../../shared/hooks/use-api';
import { usePageTitle } from '../../shared/hooks/use-page-title';
import { useFormat } from '../../shared/i18n/use-format';
import { ApiErrorAlert } from '../../shared/ui/api-error-alert';
import { AppLink } from '../../shared/ui/app-link';
import { PageHeading } from '../../shared/ui/page-heading';
import { Pager } from '../../shared/ui/pager';
import { NeedCard, NeedCardSkeleton } from './need-card';
import { SaveSearch } from './save-search';
import { NeedSearchForm } from './need-search-form';
import {
  pageSize,
  parseSearch,
  searchHref,
  toApiQuery,
  toSearchParams,
  type NeedSearchState,
} from './search-params';
import './needs.css';

export function NeedSearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const state = useMemo(() => parseSearch(params), [params]);
  const canonical = toSearchParams(state).toString();
  usePageTitle(state.q ? t('search.pageTitleWithQuery', { query: state.q }) : t('search.title'));

  const formKey = useFormKey(canonical);
  const result = useApi(`needs?${canonical}`, (signal) => searchNeeds(toApiQuery(state), signal));
  const networkNames = useNetworkNames(result.data?.items, result.data?.networks);

  // After following a pagination link, focus goes to the results heading (the link itself may be gone).
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  useEffect(() => {
    if (result.status !== 'loading' && focusResults.current) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
  }, [result.status]);

  return (
    <div className="bt-container bt-page">
      <PageHeading>{t('search.title')}</PageHeading>
      <NeedSearchForm
        key={formKey.key}
        onSubmitted={formKey.submitted}
        state={state}
        facets={result.data?.facets}
        networkNames={networkNames}
      />
      <section aria-labelledby="results-title" className="bt-results">
        <Heading
          level={2}
          data-size="sm"
          id="results-title"
          ref={resultsHeading}
          tabIndex={-1}
          className="bt-results__title"
        >
          {result.status === 'success'
            ? t('search.resultCount', { count: result.data.total })
            : t('search.resultsLabel')}
        </Heading>
        <SaveSearch state={state} />
        <ResultStatus
          state={state}
          result={result.status === 'success' ? result.data : undefined}
          loading={result.status === 'loading'}
        />
        {result.status === 'loading' && (
          <ul className="bt-need-list" aria-hidden="true">
            {Array.from({ length: 3 }, (_, index) => (
              <li key={index}>
                <NeedCardSkeleton />
              </li>
            ))}
          </ul>
        )}
        {result.status === 'error' && (
          <ApiErrorAlert
            error={result.error}
            onRetry={result.reload}
            notFoundMessage={t('search.unavailable')}
            headingLevel={3}
          />
        )}
        {result.status === 'success' && (
          <>
            {result.data.degraded && (
              <Alert data-color="warning" className="bt-results__notice">
                {t('search.degraded')}
              </Alert>
            )}
            <CpvFacets state={state} facets={result.data.facets} />
            {result.data.items.length === 0 ? (
              <div className="bt-empty">
                <Paragraph>
                  <strong>{t('search.noResultsTitle')}</strong>
                </Paragraph>
                <Paragraph>{t('search.noResultsHelp')}</Paragraph>
                {canonical && <AppLink to={searchHref(paths.needs, {})}>{t('search.clear')}</AppLink>}
              </div>
            ) : (
              <ul className="bt-need-list">
                {result.data.items.map((need) => (
                  <li key={need.id}>
                    <NeedCard need={need} />
                  </li>
                ))}
              </ul>
            )}
            <Pager
              page={state.page}
              totalPages={Math.max(1, Math.ceil(result.data.total / (result.data.pageSize || pageSize)))}
              href={(page) => searchHref(paths.needs, { ...state, page })}
              onNavigate={() => {
                focusResults.current = true;
              }}
            />
          </>
        )}
      </section>
    </div>
  );
}

/** A polite live region, so screen-reader users hear that a search started and how it went. */
function ResultStatus({
  state,
  result,
  loading,
}: {
  state: NeedSearchState;
  result?: { total: number; items: unknown[] };
  loading: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  let text = '';
  if (loading) text = t('search.loading');
  else if (result && result.items.length > 0) {
    const from = (state.page - 1) * pageSize + 1;
    text = t('search.resultRange', {
      from: format.number(from),
      to: format.number(from + result.items.length - 1),
      total: format.number(result.total),
    });
  }
  return (
    <p role="status" className="bt-results__range">
      {text}
    </p>
  );
}

function CpvFacets({ state, facets }: { state: NeedSearchState; facets: NeedFacets | undefined }) {
  const { t } = useTranslation();
  const top = Object.entries(facets?.cpv ?? {})
    .filter(([code, count]) => count > 0 && !state.cpv.includes(code))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  if (top.length === 0) return null;
  return (
    <nav aria-labelledby="cpv-facets-title" className="bt-cpv-facets">
      <p id="cpv-facets-title" className="bt-cpv-facets__title">
        {t('search.popularCpv')}
      </p>
      <ul>
        {top.map(([code, count]) => (
          <li key={code}>
            <Link
              to={searchHref(paths.needs, { ...state, cpv: [...state.cpv, code], page: 1 })}
              className="bt-chip-link"
            >
              {t('search.withCount', { label: code, count })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The form is uncontrolled and re-created when the URL changes under it (Back, a CPV chip, "Clear"), so
 * it shows what is searched. After its own submit it is kept, so focus stays on the button pressed.
 */
function useFormKey(canonical: string) {
  const ownSubmit = useRef<string | null>(null);
  const [seen, setSeen] = useState(canonical);
  const [key, setKey] = useState(0);
  if (seen !== canonical) {
    // Adjusting state while rendering (React's pattern for "state derived from a changed prop").
    setSeen(canonical);
    if (ownSubmit.current !== canonical) setKey((k) => k + 1);
    ownSubmit.current = null;
  }
  const submitted = useCallback((search: string) => {
    ownSubmit.current = search;
  }, []);
  return { key, submitted };
}

/** Network names seen in results, so the network filter can label facet ids with names. */
function useNetworkNames(
  items: NeedSummary[] | undefined,
  fromApi: Record<string, string> | undefined,
): Map<string, string> {
  const names = useRef(new Map<string, string>());
  for (const [id, name] of Object.entries(fromApi ?? {})) names.current.set(id, name);
  for (const need of items ?? []) names.current.set(need.network.id, need.network.name);
  return names.current;
}
