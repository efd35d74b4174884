import { Meilisearch, type SearchParams, type Settings } from 'meilisearch';
import type { Deps } from '../../platform/deps.js';
import type { Logger } from '../../platform/logger.js';
import type { Search } from '../../platform/search/client.js';
import type { SearchIndexDefinition } from '../../platform/search/search-index.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import { label } from '../reference/cpv.js';
import { meiliHttpClient } from '../../platform/search/http-client.js';
import { meiliSynonyms } from './needs-synonyms.js';
import { createNeedsRepository, type FacetCounts, type NeedsRepository } from './needs.repository.js';
import type { InnovationType, Need, NeedStage, NeedStatus, PublicNeedSort } from './needs.types.js';
import type { NetworkNames } from './network-names.js';

export const NEEDS_INDEX = 'needs';

/** One published (or closed) need as Meilisearch holds it. Dates are epoch milliseconds. */
export interface NeedSearchDoc {
  id: string;
  title: string;
  summary: string;
  description: string;
  requirements: string[];
  desiredOutcomes: string;
  cpvLabelsSv: string[];
  cpvLabelsEn: string[];
  cpvCodes: string[];
  /** The codes with all their ancestors: `cpvAll = 48000000` finds a need coded 48200000. */
  cpvAll: string[];
  /** Divisions (`48000000`), for the CPV facet. */
  cpvDivisions: string[];
  regions: string[];
  regionsAll: string[];
  networkId: string;
  networkName: string;
  buyerGroupId?: string;
  stage: NeedStage;
  innovationType: InnovationType;
  status: NeedStatus;
  language: string;
  publishedAt: number;
  questionsDeadline?: number;
  plannedProcurementStart?: number;
}

const FACETS = ['stage', 'regionsAll', 'cpvDivisions', 'networkId'] as const;
const RETRIEVED = [
  'id',
  'title',
  'summary',
  'networkId',
  'networkName',
  'stage',
  'status',
  'cpvCodes',
  'regions',
  'publishedAt',
  'questionsDeadline',
] as const;

export const needsIndexSettings: Settings = {
  // Order matters: a hit in the title ranks above one in the description.
  searchableAttributes: [
    'title',
    'summary',
    'requirements',
    'cpvLabelsSv',
    'cpvLabelsEn',
    'description',
    'desiredOutcomes',
    'networkName',
  ],
  filterableAttributes: [
    'cpvAll',
    'cpvCodes',
    'cpvDivisions',
    'regions',
    'regionsAll',
    'networkId',
    'buyerGroupId',
    'stage',
    'innovationType',
    'status',
    'language',
    'publishedAt',
    'questionsDeadline',
    'plannedProcurementStart',
  ],
  sortableAttributes: ['publishedAt', 'questionsDeadline'],
  displayedAttributes: [...RETRIEVED],
  synonyms: meiliSynonyms(),
  // Very common function words only: they make queries slower without telling needs apart.
  stopWords: [
    'och',
    'att',
    'för',
    'med',
    'som',
    'av',
    'på',
    'till',
    'the',
    'and',
    'of',
    'for',
    'to',
    'a',
    'an',
  ],
  typoTolerance: { disableOnNumbers: true },
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 10_000 },
};

export function divisionOf(code: string): string {
  return `${code.slice(0, 2)}000000`;
}

export function toSearchDoc(need: Need, networkName: string): NeedSearchDoc {
  const labels = (lang: 'sv' | 'en') =>
    need.cpvCodes.map((c) => label(c, lang)).filter((l): l is string => l !== null);
  return {
    id: need.id,
    title: need.title,
    summary: need.summary,
    description: need.description,
    requirements: need.requirements,
    desiredOutcomes: need.desiredOutcomes,
    cpvLabelsSv: labels('sv'),
    cpvLabelsEn: labels('en'),
    cpvCodes: need.cpvCodes,
    cpvAll: need.cpvAll,
    cpvDivisions: [...new Set(need.cpvCodes.map(divisionOf))].sort(),
    regions: need.regions,
    regionsAll: need.regionsAll,
    networkId: need.networkId,
    networkName,
    ...(need.buyerGroupId ? { buyerGroupId: need.buyerGroupId } : {}),
    stage: need.stage,
    innovationType: need.innovationType,
    status: need.status,
    language: need.language,
    publishedAt: (need.publishedAt ?? need.createdAt).getTime(),
    ...(need.questionsDeadline ? { questionsDeadline: need.questionsDeadline.getTime() } : {}),
    ...(need.plannedProcurementStart
      ? { plannedProcurementStart: need.plannedProcurementStart.getTime() }
      : {}),
  };
}

/** Network names by id straight from the repository (index builds run in workers and scripts). */
async function networkNamesFor(deps: Pick<Deps, 'mongo'>, ids: string[]): Promise<Map<string, string>> {
  const networks = createNetworksRepository(deps.mongo);
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map((id) => networks.findById(id)));
  return new Map(found.flatMap((n) => (n ? [[n.id, n.name] as const] : [])));
}

/**
 * The needs index: public needs only (published or closed, not hidden). A draft, rejected or
 * hidden need is simply absent from `buildDocuments`, so a sync removes it from the index.
 */
export const needsSearchIndex: SearchIndexDefinition<NeedSearchDoc> = {
  name: NEEDS_INDEX,
  settings: needsIndexSettings,
  async buildDocuments(deps, ids) {
    const needs = await createNeedsRepository(deps.mongo).findPublicByIds(ids);
    const names = await networkNamesFor(
      deps,
      needs.map((n) => n.networkId),
    );
    return needs.map((n) => toSearchDoc(n, names.get(n.networkId) ?? ''));
  },
  allIds: (deps, batchSize) => createNeedsRepository(deps.mongo).publicIds(batchSize),
  count: (deps) => createNeedsRepository(deps.mongo).countPublic(),
  async versionOf(deps, id) {
    const version = await createNeedsRepository(deps.mongo).versionOf(id);
    return version === null ? null : String(version);
  },
};

// ---------------------------------------------------------------------------------------------
// Query

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

export interface NeedSearchHit {
  id: string;
  title: string;
  summary: string;
  network: { id: string; name: string };
  stage: NeedStage;
  status: NeedStatus;
  cpvCodes: string[];
  regions: string[];
  publishedAt: Date;
  questionsDeadline?: Date;
  highlight?: { title?: string; summary?: string };
}

export interface NeedSearchResult {
  items: NeedSearchHit[];
  page: number;
  pageSize: number;
  total: number;
  facets: FacetCounts;
  /** Names of every network in the items and the network facet. */
  networks: Record<string, string>;
  degraded: boolean;
}

export interface NeedSearch {
  search(query: NeedSearchQuery): Promise<NeedSearchResult>;
}

export interface NeedSearchOptions {
  /** A Meilisearch answer slower than this counts as a failure (default 1500 ms). */
  timeoutMs?: number;
  /** After a failure, go straight to MongoDB for this long before trying Meilisearch again. */
  cooldownMs?: number;
}

type PagedSearchParams = SearchParams & { page: number; hitsPerPage: number };

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

function effectiveSort(query: NeedSearchQuery): PublicNeedSort {
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

type MeiliHit = Pick<
  NeedSearchDoc,
  | 'id'
  | 'title'
  | 'summary'
  | 'networkId'
  | 'networkName'
  | 'stage'
  | 'status'
  | 'cpvCodes'
  | 'regions'
  | 'publishedAt'
  | 'questionsDeadline'
> & { _formatted?: { title?: string; summary?: string } };

function highlightOf(hit: MeiliHit): NeedSearchHit['highlight'] {
  const title = hit._formatted?.title;
  const summary = hit._formatted?.summary;
  const h: { title?: string; summary?: string } = {};
  if (title?.includes('<mark>')) h.title = title;
  if (summary?.includes('<mark>')) h.summary = summary;
  return h.title || h.summary ? h : undefined;
}

/**
 * Public need search: Meilisearch first; when it fails or is slower than `timeoutMs`, MongoDB
 * answers (same filters and facets, substring matching, no typo tolerance or ranking) and the
 * result says `degraded: true`. After a failure Meilisearch is skipped for `cooldownMs`, so an
 * outage does not add the timeout to every request.
 */
export function createNeedSearch(
  deps: { search: Search; needs: NeedsRepository; networkNames: NetworkNames; logger: Logger },
  options: NeedSearchOptions = {},
): NeedSearch {
  const timeoutMs = options.timeoutMs ?? 1_500;
  const cooldownMs = options.cooldownMs ?? 5_000;
  // Its own client for the query path: node:http instead of fetch (see meili-http-client.ts)
  // and the search timeout as the request timeout.
  const client = new Meilisearch({
    host: deps.search.client.config.host,
    apiKey: deps.search.client.config.apiKey,
    httpClient: meiliHttpClient,
    timeout: timeoutMs,
  });
  const index = client.index<NeedSearchDoc>(deps.search.indexName(NEEDS_INDEX));
  let skipMeiliUntil = 0;

  async function viaMeili(query: NeedSearchQuery): Promise<NeedSearchResult> {
    const res = await index.search<MeiliHit, PagedSearchParams>(query.q ?? '', meiliSearchParams(query));
    const dist = res.facetDistribution ?? {};
    const facets: FacetCounts = {
      stage: dist.stage ?? {},
      region: dist.regionsAll ?? {},
      cpv: dist.cpvDivisions ?? {},
      network: dist.networkId ?? {},
    };
    const networks: Record<string, string> = {};
    for (const hit of res.hits) networks[hit.networkId] = hit.networkName;
    const unnamed = Object.keys(facets.network).filter((id) => !(id in networks));
    if (unnamed.length > 0)
      for (const [id, name] of await deps.networkNames.names(unnamed)) networks[id] = name;
    return {
      items: res.hits.map((hit) => ({
        id: hit.id,
        title: hit.title,
        summary: hit.summary,
        network: { id: hit.networkId, name: hit.networkName },
        stage: hit.stage,
        status: hit.status,
        cpvCodes: hit.cpvCodes,
        regions: hit.regions,
        publishedAt: new Date(hit.publishedAt),
        ...(hit.questionsDeadline ? { questionsDeadline: new Date(hit.questionsDeadline) } : {}),
        ...(query.q ? { highlight: highlightOf(hit) } : {}),
      })),
      page: query.page,
      pageSize: query.pageSize,
      total: res.totalHits,
      facets,
      networks,
      degraded: false,
    };
  }

  async function viaMongo(query: NeedSearchQuery): Promise<NeedSearchResult> {
    const words = queryWords(query.q);
    const sort = effectiveSort(query);
    const found = await deps.needs.searchPublic(
      {
        words,
        cpv: query.cpv,
        regions: query.region,
        networks: query.network,
        stages: query.stage,
        innovationTypes: query.innovationType,
      },
      sort === 'relevance' ? 'published_desc' : sort,
      query.page,
      query.pageSize,
    );
    const names = await deps.networkNames.names([
      ...found.items.map((n) => n.networkId),
      ...Object.keys(found.facets.network),
    ]);
    return {
      items: found.items.map((n) => {
        const title = markWords(n.title, words);
        const summary = markWords(n.summary, words);
        return {
          id: n.id,
          title: n.title,
          summary: n.summary,
          network: { id: n.networkId, name: names.get(n.networkId) ?? '' },
          stage: n.stage,
          status: n.status,
          cpvCodes: n.cpvCodes,
          regions: n.regions,
          publishedAt: n.publishedAt ?? n.createdAt,
          ...(n.questionsDeadline ? { questionsDeadline: n.questionsDeadline } : {}),
          ...(title || summary
            ? { highlight: { ...(title ? { title } : {}), ...(summary ? { summary } : {}) } }
            : {}),
        };
      }),
      page: query.page,
      pageSize: query.pageSize,
      total: found.total,
      facets: found.facets,
      networks: Object.fromEntries(names),
      degraded: true,
    };
  }

  return {
    async search(query) {
      if (Date.now() >= skipMeiliUntil) {
        try {
          return await viaMeili(query);
        } catch (err) {
          skipMeiliUntil = Date.now() + cooldownMs;
          deps.logger.warn(
            { err: err instanceof Error ? err.message : String(err), retryInMs: cooldownMs },
            'need search: Meilisearch failed, answering from MongoDB',
          );
        }
      }
      return viaMongo(query);
    },
  };
}
