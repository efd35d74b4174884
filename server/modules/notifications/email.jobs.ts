import { z } from 'zod';
import { defineJob } from '../../platform/queue/jobs.js';
import type { EventRoutes } from '../../platform/outbox/relay.js';

export const sendEmailJob = defineJob({
  name: 'send-email',
  queue: 'email',
  schema: z.object({ deliveryId: z.string().regex(/^[0-9a-f]{24}$/) }),
});

/** Sends several recorded deliveries (a fan-out chunk), a few at a time; each is still claimed alone. */
export const sendEmailsJob = defineJob({
  name: 'send-emails',
  queue: 'email',
  schema: z.object({
    deliveryIds: z
      .array(z.string().regex(/^[0-9a-f]{24}$/))
      .min(1)
      .max(500),
  }),
});

export const EMAIL_REQUESTED = 'email.requested';
/** An admin asked to send a failed delivery again (a fresh job id: the first job is spent). */
export const EMAIL_RETRY_REQUESTED = 'email.retryRequested';
/** Several deliveries at once (`{ deliveryIds }`), from fan-outs: one send-email job each. */
export const EMAILS_REQUESTED = 'email.requestedMany';

export const sendEmailJobId = (deliveryId: string, retry?: number) =>
  retry === undefined ? `send-email.${deliveryId}` : `send-email.${deliveryId}.r${retry}`;

export const emailEventRoutes: EventRoutes = {
  // The job id names the delivery, so the reconciler can find (and retry) a delivery's job.
  [EMAIL_REQUESTED]: (event) => [
    {
      job: sendEmailJob,
      payload: { deliveryId: String(event.payload.deliveryId) },
      jobId: sendEmailJobId(String(event.payload.deliveryId)),
    },
  ],
  [EMAIL_RETRY_REQUESTED]: (event) => [
    {
      job: sendEmailJob,
      payload: { deliveryId: String(event.payload.deliveryId) },
      jobId: `${sendEmailJobId(String(event.payload.deliveryId))}.retry.${String(event._id)}`,
    },
  ],
  // One job per chunk: 5,000 emails are 50 jobs, not 5,000 (the per-job queue overhead dominated).
  [EMAILS_REQUESTED]: (event) => {
    const raw: unknown = event.payload.deliveryIds;
    const deliveryIds = Array.isArray(raw) ? raw.map(String) : [];
    return deliveryIds.length > 0 ? [{ job: sendEmailsJob, payload: { deliveryIds } }] : [];
  },
};
