import type { Settings } from 'meilisearch';
import type { Config } from '../../config.js';
import type { Deps } from '../deps.js';
import { createEmbeddingsRepository } from '../embeddings/embeddings.repository.js';
import { embedQuery, SEMANTIC_EMBEDDER, type DocumentKind } from '../embeddings/index.js';
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

export interface SemanticParams {
  /** Added to the Meilisearch search request (empty when keyword-only). */
  params: {
    hybrid?: { embedder: string; semanticRatio: number };
    vector?: number[];
    rankingScoreThreshold?: number;
  };
  /** True when a text query was answered without its embedding (embedder down, slow or off). */
  keywordOnly: boolean;
}

/**
 * The hybrid part of a search request for a text query sorted by relevance. Semantic neighbours
 * exist for every query (e5 scores unrelated texts ~0.87–0.90), so hits below
 * SEMANTIC_MIN_SCORE are cut, or a query would "match" the whole index.
 */
export async function semanticParams(
  deps: Pick<Deps, 'embedder' | 'logger' | 'config'>,
  q: string | undefined,
  byRelevance: boolean,
): Promise<SemanticParams> {
  if (!q?.trim() || !byRelevance || deps.config.SEMANTIC_RATIO === 0)
    return { params: {}, keywordOnly: false };
  const vector = await embedQuery(deps, q);
  if (!vector) return { params: {}, keywordOnly: true };
  return {
    params: {
      hybrid: { embedder: SEMANTIC_EMBEDDER, semanticRatio: deps.config.SEMANTIC_RATIO },
      vector,
      rankingScoreThreshold: deps.config.SEMANTIC_MIN_SCORE,
    },
    keywordOnly: false,
  };
}
