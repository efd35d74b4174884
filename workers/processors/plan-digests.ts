import { periodKey } from '../../server/modules/subscriptions/digest-period.js';
import { planDigestsJob, sendDigestJob } from '../../server/modules/subscriptions/digest.jobs.js';
import { jobId } from '../../server/platform/queue/jobs.js';
import { defineProcessor } from '../define-worker.js';
import { digestServiceFor } from './send-digest.js';

/**
 * Fired by the digest schedules (07:00 Europe/Stockholm). The period is taken from when the
 * schedule fired, not when the job ran, so a run delayed past midnight (Redis was down) still
 * sends the period it was for. send-digest job ids are deterministic: planning twice adds nothing.
 */
export const planDigestsProcessor = defineProcessor(planDigestsJob, async ({ mode, at }, { deps, job }) => {
  const firedAt = at ? new Date(at) : new Date(job.timestamp + (job.delay ?? 0));
  const key = periodKey(mode, firedAt);
  let planned = 0;
  await digestServiceFor(deps).subscriptionsWithNews(mode, async (ids) => {
    const queue = deps.queues.get(sendDigestJob.queue);
    await queue.addBulk(
      ids.map((subscriptionId) => ({
        name: sendDigestJob.name,
        data: sendDigestJob.schema.parse({ subscriptionId, periodKey: key }),
        opts: { jobId: jobId(sendDigestJob.name, subscriptionId, key) },
      })),
    );
    planned += ids.length;
  });
  return { periodKey: key, planned };
});
