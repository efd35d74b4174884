import { sendEmailsJob } from '../../server/modules/notifications/email.jobs.js';
import { defineProcessor } from '../define-worker.js';
import { senderFor } from './send-email.js';

/** Deliveries of one chunk in flight at once (each job; WORKER_CONCURRENCY jobs run side by side). */
const PARALLEL = 16;

/**
 * Sends a fan-out chunk. Every delivery is claimed and marked on its own (see delivery-sender.ts),
 * so a retry of the job skips what was sent and sends what was not; permanent failures are
 * recorded and not retried. The job fails (and is retried with backoff) while any delivery of the
 * chunk is left to send.
 */
export const sendEmailsProcessor = defineProcessor(sendEmailsJob, async ({ deliveryIds }, { deps, log }) => {
  const sender = senderFor(deps);
  const left: string[] = [];
  let sent = 0;
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < deliveryIds.length) {
      const id = deliveryIds[next++]!;
      try {
        const result = await sender.send(id);
        if ('sent' in result) sent += 1;
        else if ('failed' in result) {
          failed += 1;
          log.warn({ deliveryId: id, reason: result.failed }, 'permanent delivery failure');
        } else if ('busy' in result) left.push(id);
      } catch (err) {
        left.push(id);
        log.warn(
          { deliveryId: id, err: err instanceof Error ? err.message : err },
          'delivery will be retried',
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, deliveryIds.length) }, lane));
  if (left.length > 0) throw new Error(`${left.length} of ${deliveryIds.length} deliveries left to send`);
  return { sent, failed };
});
