import {
  createDigestService,
  type DigestService,
} from '../../server/modules/subscriptions/digest.service.js';
import { sendDigestJob } from '../../server/modules/subscriptions/digest.jobs.js';
import type { Deps } from '../../server/platform/deps.js';
import { defineProcessor } from '../define-worker.js';

const services = new WeakMap<Deps, DigestService>();
export function digestServiceFor(deps: Deps): DigestService {
  let service = services.get(deps);
  if (!service) {
    service = createDigestService(deps);
    services.set(deps, service);
  }
  return service;
}

/** One subscription's digest for one period; a repeat finds the period's delivery and does nothing. */
export const sendDigestProcessor = defineProcessor(sendDigestJob, ({ subscriptionId, periodKey }, { deps }) =>
  digestServiceFor(deps).send(subscriptionId, periodKey),
);
