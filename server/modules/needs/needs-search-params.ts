/**
 * The Meilisearch request for a need query: the API and bench:search send exactly this. The
 * hybrid part (embedding) is added by the caller (needs-search.ts).
 */
import type { SearchParams } from 'meilisearch';
import { analyzeQuery, meiliQuery } from '../../platform/text/index.js';
import { FACETS, RETRIEVED } from './needs-search-index.js';
import type { InnovationType, NeedStage, PublicNeedSort } from './needs.types.js';

export interface NeedSearchQuery {
  q?: string;
  cpv?: string[];
  region?: string[];
  network?: string[];
  stage?: NeedStage[];
  innovationType?: InnovationType[];
  sort?: PublicNeedSort;
  page: number;
  pageSize: number;
}

export type PagedSearchParams = SearchParams & { page: number; hitsPerPage: number };

const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** Meilisearch filter expressions; every value was validated against its code list first. */
export function meiliFilter(query: NeedSearchQuery): string[] {
  const filter = [`status IN ${list(['published', 'closed'])}`];
  if (query.cpv?.length) filter.push(`cpvAll IN ${list(query.cpv)}`);
  if (query.region?.length) filter.push(`regionsAll IN ${list(query.region)}`);
  if (query.network?.length) filter.push(`networkId IN ${list(query.network)}`);
  if (query.stage?.length) filter.push(`stage IN ${list(query.stage)}`);
  if (query.innovationType?.length) filter.push(`innovationType IN ${list(query.innovationType)}`);
  return filter;
}

export function effectiveSort(query: NeedSearchQuery): PublicNeedSort {
  return query.sort ?? (query.q ? 'relevance' : 'published_desc');
}

/** The Meilisearch request for a query: the API and the benchmark send exactly this. */
export function meiliSearchParams(query: NeedSearchQuery): PagedSearchParams {
  const sort = effectiveSort(query);
  const meiliSort =
    sort === 'published_desc'
      ? ['publishedAt:desc']
      : sort === 'published_asc'
        ? ['publishedAt:asc']
        : sort === 'deadline_asc'
          ? ['questionsDeadline:asc', 'publishedAt:desc']
          : undefined;
  return {
    // One normalised term per word, searched in the original fields (typo tolerance, prefix on
    // the last word) and in `terms`. All words count: documents with every word come first,
    // then those missing the most common ones — never only the first words, as 'last' would.
    q: query.q ? meiliQuery(analyzeQuery(query.q)) : '',
    matchingStrategy: 'frequency',
    filter: meiliFilter(query),
    facets: [...FACETS],
    page: query.page,
    hitsPerPage: query.pageSize,
    ...(meiliSort ? { sort: meiliSort } : {}),
    attributesToRetrieve: [...RETRIEVED],
    ...(query.q
      ? {
          attributesToHighlight: ['title', 'summary'],
          highlightPreTag: '<mark>',
          highlightPostTag: '</mark>',
        }
      : {}),
  };
}

/** Splits a query into words for the degraded search (lower case, at most 10). */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  return [
    ...new Set(
      q
        .toLowerCase()
        .split(/[^\p{L}\p{N}-]+/u)
        .filter((w) => w.length > 0),
    ),
  ].slice(0, 10);
}

/** Marks the query words in a text like Meilisearch does (the degraded search has no highlighter). */
export function markWords(text: string, words: string[]): string | undefined {
  if (words.length === 0) return undefined;
  const pattern = new RegExp(
    `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'giu',
  );
  const marked = text.replace(pattern, '<mark>$1</mark>');
  return marked === text ? undefined : marked;
}
