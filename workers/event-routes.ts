import { matchingEventRoutes } from '../server/modules/matching/matching.jobs.js';
import { meetingEventRoutes } from '../server/modules/meetings/meetings.events.js';
import { needEventRoutes } from '../server/modules/needs/needs.events.js';
import { ocdsEventRoutes } from '../server/modules/ocds/ocds.events.js';
import { questionEventRoutes } from '../server/modules/questions/questions.events.js';
import { emailEventRoutes } from '../server/modules/notifications/email.jobs.js';
import { supplierEventRoutes } from '../server/modules/suppliers/suppliers.events.js';
import { embeddingEventRoutes } from '../server/platform/embeddings/embeddings.events.js';
import type { EventRoutes } from '../server/platform/outbox/relay.js';

/** Which jobs each outbox event type causes. Features add their routes here. */
export const eventRoutes: EventRoutes = combineRoutes(
  {
    ...emailEventRoutes,
    ...needEventRoutes,
    ...meetingEventRoutes,
    ...questionEventRoutes,
    ...supplierEventRoutes,
  },
  // Matching reacts to the needs' and suppliers' events besides their own jobs.
  matchingEventRoutes,
  // Hybrid search: the same events re-embed the need or profile (off the request path).
  embeddingEventRoutes,
  // Open data: every public change of a need brings its OCDS releases up to date.
  ocdsEventRoutes,
);

/** Several features may react to one event type: their jobs are concatenated. */
function combineRoutes(...sets: EventRoutes[]): EventRoutes {
  const combined: EventRoutes = {};
  for (const set of sets) {
    for (const [type, route] of Object.entries(set)) {
      const before = combined[type];
      combined[type] = before ? (event) => [...before(event), ...route(event)] : route;
    }
  }
  return combined;
}
