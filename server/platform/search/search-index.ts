import type { Settings } from 'meilisearch';
import type { Deps } from '../deps.js';
import type { DocumentKind } from '../embeddings/index.js';
import { semanticSettings, withVectors } from './semantic.js';

/**
 * A Meilisearch index fed from MongoDB. MongoDB is the source of truth: documents are rebuilt
 * from it (by the sync-search-index job, or by `npm run reindex`), never edited in place.
 */
export interface SearchIndexDefinition<Doc extends { id: string } = { id: string }> {
  /** Logical name; the physical index is prefixed with MEILI_INDEX_PREFIX. */
  name: string;
  settings: Settings;
  /** Builds documents for these ids; an id missing from the result is removed from the index. */
  buildDocuments(deps: Deps, ids: string[]): Promise<Doc[]>;
  /** Every id that should be in the index, in batches (for full reindexing). */
  allIds(deps: Deps, batchSize: number): AsyncIterable<string[]>;
  /** How many documents a full rebuild will write (for progress output). */
  count(deps: Deps): Promise<number>;
  /** A version of the entity's current state (e.g. updatedAt ms), to detect a change during a sync. */
  versionOf(deps: Deps, id: string): Promise<string | null>;
  /**
   * Hybrid search: the index declares the `e5` embedder and its documents carry the stored
   * vectors of this kind (platform/search/semantic.ts adds both; the definition stays keyword-only).
   */
  semantic?: DocumentKind;
}

/** The definition as written to Meilisearch: with vectors when it is semantic. */
function effective(def: SearchIndexDefinition): SearchIndexDefinition {
  return def.semantic ? withVectors(def, def.semantic) : def;
}

async function waitOk(promise: {
  waitTask: (o?: { timeout?: number }) => Promise<{ status: string; error: unknown }>;
}) {
  const task = await promise.waitTask({ timeout: 60_000 });
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${task.status}: ${JSON.stringify(task.error)}`);
  }
}

/** Creates the index if missing and applies its settings (idempotent; safe at every start). */
export async function ensureSearchIndex(
  deps: Pick<Deps, 'search' | 'config'>,
  def: SearchIndexDefinition,
  uid?: string,
) {
  const name = uid ?? deps.search.indexName(def.name);
  try {
    await deps.search.client.getIndex(name);
  } catch {
    await waitOk(deps.search.client.createIndex(name, { primaryKey: 'id' }));
  }
  const settings = def.semantic ? { ...def.settings, ...semanticSettings(deps.config) } : def.settings;
  await waitOk(deps.search.client.index(name).updateSettings(settings));
}

/**
 * Brings the index in line with MongoDB for these ids. Repeats while the entity changed during
 * the sync, so concurrent syncs of one id converge on the newest state.
 */
export async function syncDocuments(
  deps: Deps,
  definition: SearchIndexDefinition,
  ids: string[],
): Promise<void> {
  const def = effective(definition);
  const index = deps.search.client.index(deps.search.indexName(def.name));
  let pending = [...new Set(ids)];
  for (let round = 0; pending.length > 0 && round < 5; round += 1) {
    const versions = await Promise.all(pending.map((id) => def.versionOf(deps, id)));
    const docs = await def.buildDocuments(deps, pending);
    const present = new Set(docs.map((d) => d.id));
    const gone = pending.filter((id) => !present.has(id));
    if (docs.length > 0) await waitOk(index.addDocuments(docs, { primaryKey: 'id' }));
    if (gone.length > 0) await waitOk(index.deleteDocuments(gone));
    const after = await Promise.all(pending.map((id) => def.versionOf(deps, id)));
    pending = pending.filter((_, i) => after[i] !== versions[i]);
  }
}

/**
 * Rebuilds an index from MongoDB into a fresh index and swaps it in atomically, so searches
 * keep working during the rebuild.
 */
export async function rebuildSearchIndex(
  deps: Deps,
  definition: SearchIndexDefinition,
  onProgress: (done: number) => void = () => undefined,
  batchSize = 1_000,
): Promise<number> {
  const def = effective(definition);
  const live = deps.search.indexName(def.name);
  const temp = `${live}_rebuild_${Date.now()}`;
  await ensureSearchIndex(deps, def, live);
  await ensureSearchIndex(deps, def, temp);
  const index = deps.search.client.index(temp);
  let done = 0;
  const inFlight: Promise<void>[] = [];
  for await (const ids of def.allIds(deps, batchSize)) {
    const docs = await def.buildDocuments(deps, ids);
    if (docs.length > 0) inFlight.push(waitOk(index.addDocuments(docs, { primaryKey: 'id' })));
    // Keep a few batches in flight: Meilisearch indexes while we read the next batch.
    if (inFlight.length >= 4) await inFlight.shift();
    done += docs.length;
    onProgress(done);
  }
  await Promise.all(inFlight);
  await waitOk(deps.search.client.swapIndexes([{ indexes: [live, temp], rename: false }]));
  await waitOk(deps.search.client.deleteIndex(temp));
  return done;
}
