/**
 * The public need search: Meilisearch first (keyword search over the original text and the
 * normalised `terms`, hybrid when the query embedding is at hand), MongoDB when it fails.
 * The index definition is in needs-search-index.ts, the Meilisearch request in
 * needs-search-params.ts.
 */
import { Meilisearch } from 'meilisearch';
import type { Deps } from '../../platform/deps.js';
import { semanticSearch } from '../../platform/search/semantic.js';
import type { Logger } from '../../platform/logger.js';
import type { Search } from '../../platform/search/client.js';
import { meiliHttpClient } from '../../platform/search/http-client.js';
import { analyzeQuery, markMatches, type AnalyzedQuery } from '../../platform/text/index.js';
import { NEEDS_INDEX, type NeedSearchDoc } from './needs-search-index.js';
import {
  effectiveSort,
  markWords,
  meiliSearchParams,
  queryWords,
  type NeedSearchQuery,
} from './needs-search-params.js';
import type { FacetCounts, NeedsRepository } from './needs.repository.js';
import type { NeedLanguage, NeedStage, NeedStatus } from './needs.types.js';
import type { NetworkNames } from './network-names.js';

export {
  NEEDS_INDEX,
  divisionOf,
  needsIndexSettings,
  needsSearchIndex,
  toSearchDoc,
  type NeedSearchDoc,
} from './needs-search-index.js';
export {
  markWords,
  meiliFilter,
  meiliSearchParams,
  queryWords,
  type NeedSearchQuery,
} from './needs-search-params.js';

export interface NeedSearchHit {
  id: string;
  title: string;
  summary: string;
  network: { id: string; name: string };
  stage: NeedStage;
  status: NeedStatus;
  cpvCodes: string[];
  regions: string[];
  /** The language the need is written in (cards mark its title and summary with it). */
  language: NeedLanguage;
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
  /** Hybrid search hook: a text query answered without its embedding (embedder down or slow). */
  keywordOnly?: boolean;
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
  | 'language'
  | 'publishedAt'
  | 'questionsDeadline'
> & { _formatted?: { title?: string; summary?: string } };

const MARK = ['<mark>', '</mark>'] as const;

/**
 * Meilisearch's marks plus the words the analysis matched: a query's normalised terms often
 * match through the hidden `terms` field ("broar" finds "Broinspektion"), where Meilisearch
 * marks nothing in the shown text.
 */
function highlightOf(hit: MeiliHit, query: AnalyzedQuery): NeedSearchHit['highlight'] {
  const title = markMatches(hit._formatted?.title ?? hit.title, query, ...MARK);
  const summary = markMatches(hit._formatted?.summary ?? hit.summary, query, ...MARK);
  const h: { title?: string; summary?: string } = {};
  if (title) h.title = title;
  if (summary) h.summary = summary;
  return h.title || h.summary ? h : undefined;
}

/**
 * Public need search: Meilisearch first; when it fails or is slower than `timeoutMs`, MongoDB
 * answers (same filters and facets, substring matching, no typo tolerance or ranking) and the
 * result says `degraded: true`. After a failure Meilisearch is skipped for `cooldownMs`, so an
 * outage does not add the timeout to every request.
 */
export function createNeedSearch(
  deps: {
    search: Search;
    needs: NeedsRepository;
    networkNames: NetworkNames;
    logger: Logger;
    /** Hybrid search hook: the query embedding (platform/search/semantic.ts). */
    semantic?: Pick<Deps, 'embedder' | 'logger' | 'config'>;
  },
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
    // Hybrid search hook: keyword hits, plus what the query's embedding finds where they are few.
    const { res, keywordOnly } = await semanticSearch<MeiliHit>(
      deps.semantic,
      index,
      query.q ?? '',
      meiliSearchParams(query),
      effectiveSort(query) === 'relevance',
      client,
    );
    const analyzed = analyzeQuery(query.q ?? '');
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
        language: hit.language as NeedLanguage,
        publishedAt: new Date(hit.publishedAt),
        ...(hit.questionsDeadline ? { questionsDeadline: new Date(hit.questionsDeadline) } : {}),
        ...(query.q ? { highlight: highlightOf(hit, analyzed) } : {}),
      })),
      page: query.page,
      pageSize: query.pageSize,
      total: res.totalHits,
      facets,
      networks,
      degraded: false,
      ...(keywordOnly ? { keywordOnly: true } : {}),
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
          language: n.language,
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
