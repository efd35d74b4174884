import { z } from 'zod';
import { defineJob } from '../queue/jobs.js';

/** Re-reads entities from MongoDB and writes (or removes) their search documents. */
export const syncSearchIndexJob = defineJob({
  name: 'sync-search-index',
  queue: 'search',
  schema: z.object({
    index: z.string().regex(/^[a-z][a-z0-9-]*$/),
    ids: z
      .array(z.string().regex(/^[0-9a-f]{24}$/))
      .min(1)
      .max(5_000),
  }),
});
