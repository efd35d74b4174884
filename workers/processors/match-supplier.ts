import { matchSupplierJob } from '../../server/modules/matching/matching.jobs.js';
import { defineProcessor } from '../define-worker.js';
import { matchingServiceFor } from './match-need.js';

/** Re-matches one supplier profile against the open needs (after a profile change). */
export const matchSupplierProcessor = defineProcessor(matchSupplierJob, async ({ supplierId }, { deps }) =>
  matchingServiceFor(deps).matchSupplier(supplierId),
);
