import { emailEventRoutes } from '../server/modules/notifications/email.jobs.js';
import type { EventRoutes } from '../server/platform/outbox/relay.js';

/** Which jobs each outbox event type causes. Features add their routes here. */
export const eventRoutes: EventRoutes = {
  ...emailEventRoutes,
};
