import { z } from 'zod';
import { defineJob } from '../../platform/queue/jobs.js';
import type { EventRoutes } from '../../platform/outbox/relay.js';

export const sendEmailJob = defineJob({
  name: 'send-email',
  queue: 'email',
  schema: z.object({ deliveryId: z.string().regex(/^[0-9a-f]{24}$/) }),
});

export const EMAIL_REQUESTED = 'email.requested';

export const emailEventRoutes: EventRoutes = {
  [EMAIL_REQUESTED]: (event) => [
    { job: sendEmailJob, payload: { deliveryId: String(event.payload.deliveryId) } },
  ],
};
