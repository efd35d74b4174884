import { Meilisearch, MeilisearchApiError, type Settings } from 'meilisearch';
import type { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import type { SearchIndexDefinition } from '../../platform/search/search-index.js';
import { semanticParams } from '../../platform/search/semantic.js';
import { meiliHttpClient } from '../../platform/search/http-client.js';
import { label } from '../reference/cpv.js';
import { regionAncestors } from '../reference/nuts.js';
import {
  createSuppliersRepository,
  type FallbackResult,
  type ListedProfile,
  type SuppliersRepository,
} from './suppliers.repository.js';
import type { CompanySize, SearchQuery, searchHitDto, searchResultDto } from './suppliers.schemas.js';

export const SUPPLIERS_INDEX = 'suppliers';

/** One approved, listed profile in Meilisearch. Contact persons are never indexed. */
export interface SupplierSearchDoc {
  id: string;
  name: string;
  pitch: string;
  description: string;
  offerings: string[];
  keywords: string[];
  cpvCodes: string[];
  cpvAll: string[];
  /** The divisions (XX000000) of the codes, for the facet. */
  cpvDivisions: string[];
  cpvLabelsSv: string[];
  cpvLabelsEn: string[];
  regions: string[];
  regionsAll: string[];
  size: CompanySize;
  certifications: string[];
  languages: string[];
  status: 'approved';
  public: boolean;
  logoUrl: string | null;
  approvedAt: number;
}

const equalityOnly = (attributePatterns: string[]) => ({
  attributePatterns,
  features: { facetSearch: false, filter: { equality: true, comparison: false } },
});

/**
 * Searchable attributes in ranking order. Filters use equality only and facet search is off:
 * both are costly at indexing time and nothing here needs them.
 */
export const suppliersIndexSettings: Settings = {
  searchableAttributes: [
    'name',
    'keywords',
    'offerings',
    'pitch',
    'cpvLabelsSv',
    'cpvLabelsEn',
    'description',
  ],
  filterableAttributes: [
    equalityOnly([
      'id',
      'cpvCodes',
      'cpvAll',
      'cpvDivisions',
      'regions',
      'regionsAll',
      'size',
      'certifications',
      'languages',
      'status',
      'public',
    ]),
  ],
  sortableAttributes: ['approvedAt'],
  displayedAttributes: [
    'id',
    'name',
    'pitch',
    'description',
    'offerings',
    'cpvCodes',
    'regions',
    'size',
    'certifications',
    'languages',
    'logoUrl',
  ],
  facetSearch: false,
  // Word proximity per attribute instead of per word pair: indexing several times faster, and
  // profiles are short enough that "both words in the same field" ranks well.
  proximityPrecision: 'byAttribute',
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 10_000 },
};

export function toSearchDoc(p: ListedProfile): SupplierSearchDoc | null {
  const c = p.approved;
  if (!p.listed || !c) return null;
  return {
    id: String(p._id),
    name: c.name,
    pitch: c.pitch,
    description: c.description ?? '',
    offerings: c.offerings.map((o) => o.name),
    keywords: c.keywords,
    cpvCodes: c.cpvCodes,
    cpvAll: c.cpvAll,
    cpvDivisions: [...new Set(c.cpvCodes.map((code) => `${code.slice(0, 2)}000000`))],
    cpvLabelsSv: c.cpvCodes.map((code) => label(code, 'sv') ?? ''),
    cpvLabelsEn: c.cpvCodes.map((code) => label(code, 'en') ?? ''),
    regions: c.regions,
    regionsAll: c.regionsAll,
    size: p.companySize,
    certifications: c.certifications,
    languages: p.languages ?? [],
    status: 'approved',
    public: p.publicProfile === true,
    logoUrl: c.logoUrl ?? null,
    approvedAt: p.approvedAt?.getTime() ?? 0,
  };
}

/**
 * `versionOf` is asked for every id of a sync at once (Promise.all); answering the ids of one
 * tick with one query keeps a 1,000-id sync at two reads instead of two thousand.
 */
function batchedVersions(repo: () => SuppliersRepository) {
  let pending: Map<string, ((v: string | null) => void)[]> | null = null;
  let failures: ((err: unknown) => void)[] = [];
  return (id: string) =>
    new Promise<string | null>((resolve, reject) => {
      if (!pending) {
        const batch = new Map<string, ((v: string | null) => void)[]>();
        const rejects: ((err: unknown) => void)[] = [];
        pending = batch;
        failures = rejects;
        queueMicrotask(() => {
          pending = null;
          repo()
            .versions([...batch.keys()])
            .then((versions) => {
              for (const [key, waiters] of batch) {
                const v = versions.get(key);
                for (const w of waiters) w(v === undefined ? null : String(v));
              }
            })
            .catch((err: unknown) => rejects.forEach((r) => r(err)));
        });
      }
      pending.set(id, [...(pending.get(id) ?? []), resolve]);
      failures.push(reject);
    });
}

const repos = new WeakMap<object, SuppliersRepository>();
const versionReaders = new WeakMap<object, (id: string) => Promise<string | null>>();
function repoFor(deps: Pick<Deps, 'mongo'>): SuppliersRepository {
  let repo = repos.get(deps.mongo);
  if (!repo) {
    repo = createSuppliersRepository(deps.mongo);
    repos.set(deps.mongo, repo);
  }
  return repo;
}

/** The `suppliers` index: approved, listed profiles, built from MongoDB. */
export const suppliersIndex: SearchIndexDefinition<SupplierSearchDoc> = {
  name: SUPPLIERS_INDEX,
  settings: suppliersIndexSettings,
  // Hybrid search (issue 13): the platform adds the `e5` embedder and the stored vectors.
  semantic: 'supplier',
  async buildDocuments(deps, ids) {
    const rows = await repoFor(deps).findListed(ids);
    return rows.map(toSearchDoc).filter((d): d is SupplierSearchDoc => d !== null);
  },
  allIds: (deps, batchSize) => repoFor(deps).listedIds(batchSize),
  count: (deps) => repoFor(deps).countListed(),
  versionOf(deps, id) {
    let read = versionReaders.get(deps.mongo);
    if (!read) {
      read = batchedVersions(() => repoFor(deps));
      versionReaders.set(deps.mongo, read);
    }
    return read(id);
  },
};

// ---------------------------------------------------------------------------------------------
// Querying

type SearchResult = z.output<typeof searchResultDto>;
type SearchHit = z.output<typeof searchHitDto>;
type Facets = SearchResult['facets'];

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const anyOf = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`;

/** Regions a filter value stands for: the region and those below it, or a region containing it. */
function regionClause(regions: string[]): string {
  const containing = [...new Set(regions.flatMap((r) => regionAncestors(r)))];
  const clauses = [anyOf('regionsAll', regions)];
  if (containing.length > 0) clauses.push(anyOf('regions', containing));
  return `(${clauses.join(' OR ')})`;
}

/** Meilisearch filter for a query; the same rules as the MongoDB fallback. */
export function buildFilter(query: SearchQuery, publicOnly: boolean): string[] {
  const filter = ['status = "approved"'];
  if (publicOnly) filter.push('public = true');
  if (query.cpv?.length) filter.push(anyOf('cpvAll', query.cpv));
  if (query.region?.length) filter.push(regionClause(query.region));
  if (query.size?.length) filter.push(anyOf('size', query.size));
  if (query.certification?.length) filter.push(anyOf('certifications', query.certification));
  if (query.language?.length) filter.push(anyOf('languages', query.language));
  return filter;
}

export const FACETS = ['cpvDivisions', 'regions', 'size', 'certifications', 'languages'] as const;

export function searchParams(query: SearchQuery, publicOnly: boolean) {
  return {
    filter: buildFilter(query, publicOnly),
    facets: [...FACETS],
    page: query.page,
    hitsPerPage: query.pageSize,
    attributesToRetrieve: [
      'id',
      'name',
      'pitch',
      'offerings',
      'cpvCodes',
      'regions',
      'size',
      'certifications',
      'languages',
      'logoUrl',
    ],
    attributesToHighlight: ['name', 'pitch', 'description'],
    attributesToCrop: ['description'],
    cropLength: 30,
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  };
}

// Private-use characters as highlight tags: the text is HTML-escaped first, then they become <mark>.
const MARK_START = '\uE000';
const MARK_END = '\uE001';
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

function hitOf(
  doc: Indexed,
  formatted?: Partial<Record<'name' | 'pitch' | 'description', string>>,
): SearchHit {
  const highlight: NonNullable<SearchHit['highlight']> = {};
  for (const field of ['name', 'pitch', 'description'] as const) {
    const value = formatted?.[field];
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
          // Hybrid search hook: adds `hybrid` + `vector` when the query embedding is at hand.
          const semantic = await semanticParams(deps, query.q, true);
          const res = await index.search<Indexed & { _formatted?: Record<string, string> }>(query.q, {
            ...searchParams(query, publicOnly),
            ...semantic.params,
          });
          // Asked with page/hitsPerPage, Meilisearch answers exhaustive totals.
          const paged = res as typeof res & { totalHits?: number; totalPages?: number };
          const total = paged.totalHits ?? res.estimatedTotalHits ?? 0;
          return {
            items: res.hits.map((h) => hitOf(h, h._formatted)),
            total,
            page: query.page,
            pageSize: query.pageSize,
            totalPages: paged.totalPages ?? Math.ceil(total / query.pageSize),
            facets: toFacets(res.facetDistribution),
            ...(semantic.keywordOnly ? { keywordOnly: true } : {}),
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
