import {
  createMatchingService,
  type MatchingService,
} from '../../server/modules/matching/matching.service.js';
import { matchNeedJob } from '../../server/modules/matching/matching.jobs.js';
import type { Deps } from '../../server/platform/deps.js';
import { defineProcessor } from '../define-worker.js';

const services = new WeakMap<Deps, MatchingService>();
export function matchingServiceFor(deps: Deps): MatchingService {
  let service = services.get(deps);
  if (!service) {
    service = createMatchingService(deps);
    services.set(deps, service);
  }
  return service;
}

/**
 * Matches a need (on publication and after edits). Re-reads the need; idempotent: matches are
 * upserted per (need, supplier) and notices are unique per (need, user). A run that finds the
 * need's lease taken fails and is retried with backoff.
 */
export const matchNeedProcessor = defineProcessor(
  matchNeedJob,
  async ({ needId }, { deps, log }) => {
    const result = await matchingServiceFor(deps).matchNeed(needId);
    log.info({ needId, ...result }, 'need matched');
    return result;
  },
  // Candidates come from Meilisearch: a need published during an outage is matched after it.
  { whileDown: 'wait' },
);
