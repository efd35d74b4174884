import { z } from 'zod';
import { defineJob } from '../queue/jobs.js';

/**
 * Embeds the current text of needs or profiles (where it changed) and rewrites their search
 * documents with the vectors. Its own queue: a batch on a CPU model takes seconds, and the
 * keyword index sync must not wait behind it.
 */
export const embedDocumentsJob = defineJob({
  name: 'embed-documents',
  queue: 'embeddings',
  schema: z.object({
    kind: z.enum(['need', 'supplier']),
    ids: z
      .array(z.string().regex(/^[0-9a-f]{24}$/))
      .min(1)
      .max(5_000),
  }),
  // Outages are waited out by moving the job back to delayed (not an attempt, see the
  // processor); attempts count only real failures.
  options: { attempts: 10, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 } },
});
