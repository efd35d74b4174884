import type { Deps } from '../deps.js';
import { createEmbeddingsRepository } from './embeddings.repository.js';
import { isEmbedderUnavailable } from './errors.js';
import { Lru } from './lru.js';
import type { DocumentKind, Embedder } from './types.js';

export type { DocumentKind, Embedder, EmbedKind } from './types.js';
export { createHttpEmbedder } from './http-embedder.js';
export { EmbedderUnavailableError, isEmbedderUnavailable } from './errors.js';

/** The Meilisearch embedder (source `userProvided`) on the needs and suppliers indexes. */
export const SEMANTIC_EMBEDDER = 'e5';

const QUERY_CACHE_SIZE = 5_000;
const caches = new WeakMap<Embedder, Lru<number[]>>();

/** Search queries repeat (popular words, paging through one query): normalise, then cache. */
const cacheKey = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The query vector for a search, from an in-process LRU or the embedder. `null` when the
 * embedder is down, slow (EMBEDDINGS_QUERY_TIMEOUT_MS) or turned off: the caller searches by
 * keywords only and says so.
 */
export async function embedQuery(
  deps: Pick<Deps, 'embedder' | 'logger'>,
  text: string,
): Promise<number[] | null> {
  const key = cacheKey(text);
  if (!key) return null;
  let cache = caches.get(deps.embedder);
  if (!cache) {
    cache = new Lru<number[]>(QUERY_CACHE_SIZE);
    caches.set(deps.embedder, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  try {
    const [vector] = await deps.embedder.embed([key], 'query');
    if (!vector) return null;
    cache.set(key, vector);
    return vector;
  } catch (err) {
    if (!isEmbedderUnavailable(err))
      deps.logger.warn({ err: (err as Error).message }, 'query embedding failed');
    return null;
  }
}

/** The stored vector of a need or profile for the configured model, or null if none yet. */
export async function documentVector(
  deps: Pick<Deps, 'mongo' | 'embedder'>,
  kind: DocumentKind,
  id: string,
): Promise<number[] | null> {
  const found = await createEmbeddingsRepository(deps.mongo).vectors(kind, [id], deps.embedder.model);
  return found.get(id) ?? null;
}
