import { UnrecoverableError } from 'bullmq';
import { ensureSearchIndex, syncDocuments } from '../../server/platform/search/search-index.js';
import { syncSearchIndexJob } from '../../server/platform/search/search.jobs.js';
import { searchIndexByName } from '../../server/search-indexes.js';
import { defineProcessor } from '../define-worker.js';

const ensured = new WeakMap<object, Set<string>>();

/**
 * Rebuilds the search documents of the given ids from MongoDB. Idempotent: it writes the
 * current state, whatever the event was.
 */
export const syncSearchIndexProcessor = defineProcessor(
  syncSearchIndexJob,
  async ({ index, ids }, { deps }) => {
    const def = searchIndexByName(index);
    if (!def) throw new UnrecoverableError(`unknown search index ${index}`);
    const done = ensured.get(deps) ?? new Set<string>();
    if (!done.has(index)) {
      await ensureSearchIndex(deps, def);
      done.add(index);
      ensured.set(deps, done);
    }
    await syncDocuments(deps, def, ids);
    return { synced: ids.length };
  },
  // Every index: the job waits out a Meilisearch outage of any length and then writes the
  // current documents, so the index catches up.
  { whileDown: 'wait' },
);
