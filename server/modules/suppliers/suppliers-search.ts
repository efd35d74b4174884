/**
 * The supplier search: Meilisearch first (keyword search over the original text and the
 * normalised `terms`, hybrid when the query embedding is at hand), MongoDB when it fails. The
 * index definition is in suppliers-search-index.ts, the Meilisearch request in
 * suppliers-search-params.ts.
 */
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { semanticSearch } from '../../platform/search/semantic.js';
import { meiliHttpClient } from '../../platform/search/http-client.js';
import { analyzeQuery, markMatches, type AnalyzedQuery } from '../../platform/text/index.js';
import { regionAncestors } from '../reference/nuts.js';
import { SUPPLIERS_INDEX, repoFor, toSearchDoc, type SupplierSearchDoc } from './suppliers-search-index.js';
import { MARK_END, MARK_START, searchParams, type FACETS } from './suppliers-search-params.js';
import type { FallbackResult } from './suppliers.repository.js';
import type { SearchQuery, searchHitDto, searchResultDto } from './suppliers.schemas.js';

export {
  SUPPLIERS_INDEX,
  suppliersIndex,
  suppliersIndexSettings,
  toSearchDoc,
  type SupplierSearchDoc,
} from './suppliers-search-index.js';
export { buildFilter, searchParams } from './suppliers-search-params.js';

// ---------------------------------------------------------------------------------------------
// Querying

type SearchResult = z.output<typeof searchResultDto>;
type SearchHit = z.output<typeof searchHitDto>;
type Facets = SearchResult['facets'];

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
function toMarkedHtml(s: string): string {
  return escapeHtml(s).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

function toFacets(d: Partial<Record<(typeof FACETS)[number], Record<string, number>>> | undefined): Facets {
  return {
    cpv: d?.cpvDivisions ?? {},
    region: d?.regions ?? {},
    size: d?.size ?? {},
    certification: d?.certifications ?? {},
    language: d?.languages ?? {},
  };
}

type Indexed = Pick<
  SupplierSearchDoc,
  | 'id'
  | 'name'
  | 'pitch'
  | 'offerings'
  | 'cpvCodes'
  | 'regions'
  | 'size'
  | 'certifications'
  | 'languages'
  | 'logoUrl'
>;

/**
 * `query` (Meilisearch answers only) adds the words the analysis matched to Meilisearch's own
 * marks: normalised terms often match through the hidden `terms` field, where Meilisearch marks
 * nothing in the shown text ("broar" finds "Broinspektion").
 */
function hitOf(
  doc: Indexed,
  formatted?: Partial<Record<'name' | 'pitch' | 'description', string>>,
  query?: AnalyzedQuery,
): SearchHit {
  const highlight: NonNullable<SearchHit['highlight']> = {};
  for (const field of ['name', 'pitch', 'description'] as const) {
    // Vector hits come without highlighting (their request has no words to mark): the query's
    // words are marked in the shown fields themselves.
    const given = formatted?.[field] ?? (query && field !== 'description' ? doc[field] : undefined);
    const value = query && given !== undefined ? markMatches(given, query, MARK_START, MARK_END) : given;
    if (value?.includes(MARK_START)) highlight[field] = toMarkedHtml(value);
  }
  return {
    id: doc.id,
    name: doc.name,
    pitch: doc.pitch,
    offerings: doc.offerings,
    cpvCodes: doc.cpvCodes,
    regions: doc.regions,
    companySize: doc.size,
    certifications: doc.certifications,
    languages: doc.languages,
    logoUrl: doc.logoUrl,
    ...(Object.keys(highlight).length > 0 ? { highlight } : {}),
  };
}

/** Marks the query's words in a text, the way Meilisearch would (for the degraded answer). */
function markWords(text: string, words: string[]): string | undefined {
  if (words.length === 0) return undefined;
  const pattern = new RegExp(
    `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'giu',
  );
  const marked = text.replace(pattern, `${MARK_START}$1${MARK_END}`);
  return marked === text ? undefined : marked;
}

function fromFallback(result: FallbackResult, query: SearchQuery): SearchResult {
  const words = query.q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  const items = result.items.flatMap((p) => {
    const doc = toSearchDoc(p);
    if (!doc) return [];
    const description = doc.description.length > 240 ? `${doc.description.slice(0, 240)}…` : doc.description;
    return [
      hitOf(doc, {
        name: markWords(doc.name, words),
        pitch: markWords(doc.pitch, words),
        description: markWords(description, words),
      }),
    ];
  });
  return {
    items,
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: Math.ceil(result.total / query.pageSize),
    facets: toFacets(result.facets),
    degraded: true,
  };
}

export interface SupplierSearch {
  search(query: SearchQuery, options: { publicOnly: boolean }): Promise<SearchResult>;
}

/**
 * Searches Meilisearch; when it fails or is slower than `timeoutMs`, answers from MongoDB with
 * the same filters and `degraded: true`. After a failure MongoDB answers for `coolDownMs`
 * without trying Meilisearch, so an outage does not cost every request the timeout.
 */
export function createSupplierSearch(
  deps: Pick<Deps, 'search' | 'mongo' | 'logger' | 'embedder' | 'config'>,
  options: { timeoutMs?: number; coolDownMs?: number } = {},
): SupplierSearch {
  const timeoutMs = options.timeoutMs ?? 1_500;
  const coolDownMs = options.coolDownMs ?? 5_000;
  // Its own client for the query path, as the needs search has: node:http with TCP_NODELAY
  // instead of fetch (which adds ~40 ms to every answer, see needs/meili-http-client.ts), and
  // the search timeout as the request timeout.
  const client = new Meilisearch({
    host: deps.search.client.config.host,
    apiKey: deps.search.client.config.apiKey,
    httpClient: meiliHttpClient,
    timeout: timeoutMs,
  });
  const index = client.index<SupplierSearchDoc>(deps.search.indexName(SUPPLIERS_INDEX));
  const repo = repoFor(deps);
  let skipUntil = 0;

  async function fallback(query: SearchQuery, publicOnly: boolean): Promise<SearchResult> {
    const regions = query.region ?? [];
    const result = await repo.fallbackSearch(
      {
        text: query.q,
        publicOnly,
        cpv: query.cpv,
        regions,
        regionAncestors: [...new Set(regions.flatMap((r) => regionAncestors(r)))],
        sizes: query.size,
        certifications: query.certification,
        languages: query.language,
      },
      query.page,
      query.pageSize,
    );
    return fromFallback(result, query);
  }

  return {
    async search(query, { publicOnly }) {
      if (Date.now() >= skipUntil) {
        try {
          // Hybrid search hook: keyword hits, plus what the query's embedding finds where they are few.
          const { res, keywordOnly } = await semanticSearch<
            Indexed & { _formatted?: Record<string, string> }
          >(deps, index, query.q, searchParams(query, publicOnly), true, client);
          const analyzed = analyzeQuery(query.q);
          // Asked with page/hitsPerPage, Meilisearch answers exhaustive totals.
          const paged = res as typeof res & { totalHits?: number; totalPages?: number };
          const total = paged.totalHits ?? 0;
          return {
            items: res.hits.map((h) => hitOf(h, h._formatted, analyzed)),
            total,
            page: query.page,
            pageSize: query.pageSize,
            totalPages: paged.totalPages ?? Math.ceil(total / query.pageSize),
            facets: toFacets(res.facetDistribution),
            ...(keywordOnly ? { keywordOnly: true } : {}),
          };
        } catch (err) {
          // A request Meilisearch rejects as invalid is our bug, not an outage.
          if (
            err instanceof MeilisearchApiError &&
            err.cause?.type === 'invalid_request' &&
            err.cause.code !== 'index_not_found'
          ) {
            throw err;
          }
          skipUntil = Date.now() + coolDownMs;
          deps.logger.warn(
            { err: err instanceof Error ? err.message : err },
            'supplier search: Meilisearch failed, answering from MongoDB',
          );
        }
      }
      return fallback(query, publicOnly);
    },
  };
}
