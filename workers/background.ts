import type { Deps } from '../server/platform/deps.js';
import { startDeliveryReconciler } from '../server/modules/notifications/delivery-reconciler.js';
import { ensureDigestSchedules } from '../server/modules/subscriptions/digest.jobs.js';
import { keepOcdsDumpSchedule } from '../server/modules/ocds/ocds.schedule.js';
import { createOutboxRelay } from '../server/platform/outbox/relay.js';
import { eventRoutes } from './event-routes.js';
import { senderFor } from './processors/send-email.js';

/** Long-running loops that live beside the workers (outbox relay, repeatable job schedules). */
export interface Background {
  stop(): Promise<void>;
}

export async function startBackground(deps: Deps): Promise<Background> {
  const relay = createOutboxRelay(deps, eventRoutes);
  relay.start();
  // Resolves the claims of crashed workers and keeps the digest schedules (07:00 Stockholm).
  const reconciler = startDeliveryReconciler(deps, senderFor(deps), {
    beforeFirstRun: () => ensureDigestSchedules(deps),
  });
  // The nightly OCDS dump (03:15 Stockholm).
  const ocdsSchedule = keepOcdsDumpSchedule(deps);
  return {
    async stop() {
      await ocdsSchedule.stop();
      await reconciler.stop();
      await relay.stop();
      senderFor(deps).stop();
    },
  };
}
