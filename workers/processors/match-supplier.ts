import { matchSupplierJob, matchSuppliersJob } from '../../server/modules/matching/matching.jobs.js';
import { defineProcessor } from '../define-worker.js';
import { matchingServiceFor } from './match-need.js';

/** Re-matches one supplier profile (jobs queued before `match-suppliers` existed). */
export const matchSupplierProcessor = defineProcessor(
  matchSupplierJob,
  async ({ supplierId }, { deps }) => matchingServiceFor(deps).matchSupplier(supplierId),
  { whileDown: 'wait' },
);

/** Re-matches a batch of supplier profiles against the open needs (after profile changes). */
export const matchSuppliersProcessor = defineProcessor(
  matchSuppliersJob,
  async ({ supplierIds }, { deps, job }) => {
    const service = matchingServiceFor(deps);
    // Profiles re-matched and profiles no longer listed; the match rows each left or dropped.
    const totals = { matched: 0, removed: 0, matches: 0, matchesDropped: 0, notified: 0 };
    for (const [i, supplierId] of supplierIds.entries()) {
      const result = await service.matchSupplier(supplierId);
      totals[result.status] += 1;
      if (result.status === 'matched') totals.matches += result.matches;
      else totals.matchesDropped += result.matches;
      totals.notified += result.notified;
      // Bull Board shows how far a batch has come.
      if ((i + 1) % 50 === 0) await job.updateProgress(Math.round(((i + 1) / supplierIds.length) * 100));
    }
    return totals;
  },
  // Re-running after an outage repeats the profiles already done: matching is idempotent.
  { whileDown: 'wait' },
);
