import type { Deps } from '../server/platform/deps.js';
import { createOutboxRelay } from '../server/platform/outbox/relay.js';
import { eventRoutes } from './event-routes.js';

/** Long-running loops that live beside the workers (outbox relay, repeatable job schedules). */
export interface Background {
  stop(): Promise<void>;
}

export async function startBackground(deps: Deps): Promise<Background> {
  const relay = createOutboxRelay(deps, eventRoutes);
  relay.start();
  return {
    async stop() {
      await relay.stop();
    },
  };
}
