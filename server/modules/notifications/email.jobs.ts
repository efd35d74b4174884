import { z } from 'zod';
import { defineJob } from '../../platform/queue/jobs.js';
import type { EventRoutes } from '../../platform/outbox/relay.js';

export const sendEmailJob = defineJob({
  name: 'send-email',
  queue: 'email',
  schema: z.object({ deliveryId: z.string().regex(/^[0-9a-f]{24}$/) }),
});

export const EMAIL_REQUESTED = 'email.requested';

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
};
