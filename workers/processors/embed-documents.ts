import { DelayedError } from 'bullmq';
import { embedDocumentsJob } from '../../server/platform/embeddings/embeddings.jobs.js';
import { isEmbedderUnavailable } from '../../server/platform/embeddings/index.js';
import { embedAndIndex } from '../../server/platform/search/embed-and-index.js';
import { embeddingTexts } from '../../server/embedding-sources.js';
import { searchIndexByName } from '../../server/search-indexes.js';
import { defineProcessor } from '../define-worker.js';

/** Ids embedded, then written to the index, at a time: search gains meaning while a big job runs. */
const SLICE = 256;

/**
 * Embeds needs or profiles whose text changed and rewrites their search documents (with the
 * vectors, from MongoDB). While the embedder is down the job goes back to "delayed" without
 * using an attempt, however long the outage: the documents catch up when it returns, and what
 * an interrupted job had finished stays saved (hashes), so it is not embedded twice.
 */
export const embedDocumentsProcessor = defineProcessor(
  embedDocumentsJob,
  async ({ kind, ids }, { deps, job, log }) => {
    if (deps.config.EMBEDDINGS_URL === 'off') return { skipped: 'embeddings off' };
    const def = searchIndexByName(kind === 'need' ? 'needs' : 'suppliers');
    if (!def) throw new Error(`no search index for ${kind}`);
    let embedded = 0;
    let unchanged = 0;
    try {
      for (let i = 0; i < ids.length; i += SLICE) {
        const outcome = await embedAndIndex(deps, def, kind, ids.slice(i, i + SLICE), embeddingTexts[kind]);
        embedded += outcome.embedded.length;
        unchanged += outcome.unchanged;
        await job.updateProgress(Math.round((100 * Math.min(i + SLICE, ids.length)) / ids.length));
      }
    } catch (err) {
      if (!isEmbedderUnavailable(err)) throw err;
      const waitMs = Math.max(200, deps.config.EMBEDDINGS_COOLDOWN_MS) * (1 + Math.random() * 0.3);
      log.warn({ err: err.message, embedded, waitMs: Math.round(waitMs) }, 'embedder unavailable: job waits');
      await job.moveToDelayed(Date.now() + waitMs, job.token);
      throw new DelayedError();
    }
    return { embedded, unchanged };
  },
);
