import { z } from 'zod';
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
