import type { Index, Meilisearch, RecordAny, SearchParams, SearchResponse, Settings } from 'meilisearch';
import type { Config } from '../../config.js';
import type { Deps } from '../deps.js';
import { createEmbeddingsRepository } from '../embeddings/embeddings.repository.js';
import { embedQuery, SEMANTIC_EMBEDDER, type DocumentKind } from '../embeddings/index.js';
import { Lru } from '../embeddings/lru.js';
import type { SearchIndexDefinition } from './search-index.js';

/** The user-provided embedder both indexes declare: vectors come from our workers, not Meilisearch. */
export function semanticSettings(config: Pick<Config, 'EMBEDDINGS_DIMENSIONS'>): Settings {
  return {
    embedders: { [SEMANTIC_EMBEDDER]: { source: 'userProvided', dimensions: config.EMBEDDINGS_DIMENSIONS } },
  };
}

/** Answers every `ask(id)` of one tick with one lookup (syncs ask for thousands of ids at once). */
function batched<V>(
  lookup: (ids: string[]) => Promise<Map<string, V>>,
): (id: string) => Promise<V | undefined> {
  let pending: Map<string, ((v: V | undefined) => void)[]> | null = null;
  let rejects: ((err: unknown) => void)[] = [];
  return (id) =>
    new Promise((resolve, reject) => {
      if (!pending) {
        const batch = new Map<string, ((v: V | undefined) => void)[]>();
        const failed: ((err: unknown) => void)[] = [];
        pending = batch;
        rejects = failed;
        queueMicrotask(() => {
          pending = null;
          lookup([...batch.keys()])
            .then((found) => batch.forEach((waiters, key) => waiters.forEach((w) => w(found.get(key)))))
            .catch((err: unknown) => failed.forEach((r) => r(err)));
        });
      }
      pending.set(id, [...(pending.get(id) ?? []), resolve]);
      rejects.push(reject);
    });
}

// One wrapper per definition, so its batched hash reader is shared by concurrent syncs.
const wrapped = new WeakMap<object, SearchIndexDefinition>();

/**
 * An index definition with the stored vectors added (the settings' embedder is added by
 * ensureSearchIndex): every
 * document carries `_vectors.e5` (the vector from MongoDB, or null: Meilisearch rejects a
 * whole batch if one document of a userProvided embedder lacks the field), and the version
 * includes the vector's hash, so a sync that read a document before its vector was saved
 * goes round again (syncDocuments repeats while a version changed). The keyword sync and the
 * embed job therefore both write whole documents from MongoDB, and `npm run reindex` rebuilds
 * vectors too.
 */
export function withVectors<Doc extends { id: string }>(
  def: SearchIndexDefinition<Doc>,
  kind: DocumentKind,
): SearchIndexDefinition<Doc & { _vectors: Record<string, number[] | null> }> {
  const known = wrapped.get(def);
  if (known) return known as SearchIndexDefinition<Doc & { _vectors: Record<string, number[] | null> }>;
  const hashReaders = new WeakMap<object, (id: string) => Promise<{ hash: string } | undefined>>();
  const result: SearchIndexDefinition<Doc & { _vectors: Record<string, number[] | null> }> = {
    ...def,
    async buildDocuments(deps, ids) {
      const docs = await def.buildDocuments(deps, ids);
      const vectors = await createEmbeddingsRepository(deps.mongo).vectors(
        kind,
        docs.map((d) => d.id),
        deps.embedder.model,
      );
      return docs.map((d) => ({ ...d, _vectors: { [SEMANTIC_EMBEDDER]: vectors.get(d.id) ?? null } }));
    },
    async versionOf(deps, id) {
      let read = hashReaders.get(deps.mongo);
      if (!read) {
        const repo = createEmbeddingsRepository(deps.mongo);
        read = batched((ids) => repo.hashes(kind, ids));
        hashReaders.set(deps.mongo, read);
      }
      const [version, vector] = await Promise.all([def.versionOf(deps, id), read(id)]);
      return version === null ? null : `${version}/${vector?.hash ?? '-'}`;
    },
  };
  wrapped.set(def, result as SearchIndexDefinition);
  return result;
}

type Paged = SearchParams & { page: number; hitsPerPage: number };

/** Keyword totals of first pages that fell short last time (same index, query and parameters). */
const shortTotals = new Lru<number>(5_000);

/**
 * The vector side's request: the caller's filters, retrieved attributes and crop, but
 * `limit` rather than page/hitsPerPage (an exhaustive count costs Meilisearch a full pass over
 * the vector hits) and no highlighting (its `q` is empty: nothing to mark; the callers mark
 * the query's words themselves). Measured on the evaluation set at 32 clients (2026-12-04):
 * keyword and vector search in one multi-search cost Meilisearch 2.2× the keyword search alone
 * with the page's parameters, 1.6× with these.
 */
function vectorSearchParams(params: Paged, vector: number[], limit: number, minScore: number): SearchParams {
  const {
    page: _page,
    hitsPerPage: _hitsPerPage,
    attributesToHighlight: _highlight,
    highlightPreTag: _pre,
    highlightPostTag: _post,
    ...rest
  } = params;
  return {
    ...rest,
    // `q` empty, after the spread: the callers' params carry their keyword query, and with it
    // Meilisearch would also run the keyword side.
    q: '',
    facets: [],
    offset: 0,
    limit,
    hybrid: { embedder: SEMANTIC_EMBEDDER, semanticRatio: 1 },
    vector,
    rankingScoreThreshold: minScore,
  };
}

/**
 * A search that adds meaning where keywords find too little: the keyword request runs as it
 * always did; when its hits end on or before the asked page (a query whose words are not in the
 * texts: English against Swedish, other words for the same thing), the query is embedded and a
 * vector search (above SEMANTIC_MIN_SCORE) appends the needs or profiles the keywords missed.
 * Keyword hits therefore keep their ranking, typo tolerance, totals and facets exactly; facets
 * count keyword hits only. Measured why not Meilisearch's one-request hybrid with a threshold:
 * `rankingScoreThreshold` also drops keyword hits that score low (a typo, a partial multiword
 * match), and without one every query "matches" the whole index.
 */
export async function semanticSearch<H extends RecordAny & { id: string }>(
  deps: Pick<Deps, 'embedder' | 'logger' | 'config'> | undefined,
  index: Index<RecordAny>,
  q: string,
  params: Paged,
  byRelevance: boolean,
  client?: Pick<Meilisearch, 'multiSearch'>,
): Promise<{ res: SearchResponse<H, Paged>; keywordOnly: boolean }> {
  const wanted = params.page * params.hitsPerPage;
  const semanticOn = Boolean(deps && q.trim() && byRelevance && deps.config.SEMANTIC_RATIO !== 0);
  // Enough vector hits to fill the pages up to the asked one after those that are keyword hits
  // too (at most `total` of them).
  const vectorParams = (vector: number[], total: number) =>
    vectorSearchParams(params, vector, wanted + total, deps!.config.SEMANTIC_MIN_SCORE);
  // A first page that needed meaning last time (same index, query and parameters) most likely
  // needs it again: both searches go in one multi-search request, which costs Meilisearch and
  // the API less than two requests one after the other (one round trip, one answer to parse).
  const key = semanticOn ? `${index.uid}\n${JSON.stringify([q.trim().toLowerCase(), params])}` : '';
  const lastTotal = semanticOn && client && params.page === 1 ? shortTotals.get(key) : undefined;
  const early = lastTotal !== undefined ? await embedQuery(deps!, q) : null;
  let keyword: SearchResponse<H, Paged>;
  let semantic: SearchResponse<H> | null = null;
  if (early && client) {
    const { results } = await client.multiSearch({
      queries: [
        { indexUid: index.uid, q, ...params },
        // The keyword hits are not known yet: as many extra as there were last time.
        { indexUid: index.uid, ...vectorParams(early, lastTotal ?? 0) },
      ],
    });
    keyword = results[0] as unknown as SearchResponse<H, Paged>;
    semantic = results[1] as unknown as SearchResponse<H>;
  } else {
    keyword = (await index.search<H, Paged>(q, params)) as SearchResponse<H, Paged>;
  }
  const total = keyword.totalHits ?? 0;
  if (semanticOn && params.page === 1) {
    if (total < wanted) shortTotals.set(key, total);
    else shortTotals.delete(key);
  }
  if (!deps || !semanticOn || total >= wanted) return { res: keyword, keywordOnly: false };
  const vector = early ?? (await embedQuery(deps, q));
  if (!vector) return { res: keyword, keywordOnly: true };
  // Every keyword hit up to here (few: they end on this page), then the vector neighbours.
  const [allKeyword, nearest] = await Promise.all([
    params.page === 1 || total === 0
      ? keyword
      : index.search<H, Paged>(q, { ...params, page: 1, hitsPerPage: total, facets: [] }),
    semantic ?? (index.search<H>('', vectorParams(vector, total)) as Promise<SearchResponse<H>>),
  ]);
  semantic = nearest;
  const seen = new Set(allKeyword.hits.map((h) => h.id));
  const extra = semantic.hits.filter((h) => !seen.has(h.id));
  const merged = [...allKeyword.hits, ...extra];
  const start = (params.page - 1) * params.hitsPerPage;
  // Asked with `limit`, the vector side answers an estimate of its hits above the threshold.
  const vectorTotal = semantic.estimatedTotalHits ?? semantic.totalHits ?? 0;
  const totalHits = total + Math.max(extra.length, vectorTotal - seen.size);
  return {
    res: {
      ...keyword,
      hits: merged.slice(start, start + params.hitsPerPage),
      totalHits,
      totalPages: Math.ceil(totalHits / params.hitsPerPage),
    },
    keywordOnly: false,
  };
}
