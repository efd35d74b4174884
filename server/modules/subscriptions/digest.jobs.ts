import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { defineJob } from '../../platform/queue/jobs.js';

/** Repeatable (07:00 Europe/Stockholm daily; Mondays for weekly): queues one send-digest per subscription with news. */
export const planDigestsJob = defineJob({
  name: 'plan-digests',
  queue: 'email',
  schema: z.object({
    mode: z.enum(['daily', 'weekly']),
    /** The period's moment (ISO); default: when the schedule fired. */
    at: z.string().datetime().optional(),
  }),
});

/** Sends one subscription's digest for one period, at most once. */
export const sendDigestJob = defineJob({
  name: 'send-digest',
  queue: 'email',
  schema: z.object({
    subscriptionId: z.string().regex(/^[0-9a-f]{24}$/),
    periodKey: z.string().regex(/^(\d{4}-\d\d-\d\d|\d{4}-W\d\d)$/),
  }),
});

export const DIGEST_SCHEDULES = [
  { id: 'digest-daily', mode: 'daily', pattern: '0 7 * * *' },
  { id: 'digest-weekly', mode: 'weekly', pattern: '0 7 * * 1' },
] as const;
export const DIGEST_TIME_ZONE = 'Europe/Stockholm';

/** Daily 07:00 and Monday 07:00 in Europe/Stockholm (BullMQ job schedulers; upsert is idempotent). */
export async function ensureDigestSchedules(deps: Pick<Deps, 'queues'>): Promise<void> {
  const queue = deps.queues.get(planDigestsJob.queue);
  for (const s of DIGEST_SCHEDULES) {
    await queue.upsertJobScheduler(
      s.id,
      { pattern: s.pattern, tz: DIGEST_TIME_ZONE },
      {
        name: planDigestsJob.name,
        data: { mode: s.mode },
        opts: { attempts: 8, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 } },
      },
    );
  }
}
