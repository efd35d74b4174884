import type { Deps } from '../../platform/deps.js';
import type { DeliverySender } from './delivery-sender.js';
import { DIGEST_SCHEDULES, DIGEST_TIME_ZONE, planDigestsJob } from './digest.jobs.js';
import { sendEmailJob, sendEmailJobId } from './email.jobs.js';

export interface Reconciler {
  /** One pass; returns how many deliveries were handed back to the queue. */
  runOnce(): Promise<{ requeued: number; assumedSent: number }>;
  stop(): Promise<void>;
}

/** A pending delivery untouched this long may have lost its job (attempts spent while SMTP was down). */
const QUIET_MS = 5 * 60_000;

/**
 * The short reconciliation beside the workers: claims of dead workers are resolved within
 * seconds (a `sending` claim is sent again, a `committing` one counts as sent) and pending
 * deliveries whose job is gone get a new one. Also keeps the digest schedules in place.
 */
export function startDeliveryReconciler(
  deps: Pick<Deps, 'queues' | 'logger'>,
  sender: DeliverySender,
  options: { intervalMs?: number; quietMs?: number } = {},
): Reconciler {
  const intervalMs = options.intervalMs ?? 5_000;
  const quietMs = options.quietMs ?? QUIET_MS;
  const queue = deps.queues.get(sendEmailJob.queue);
  let schedulesReady = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function requeue(deliveryId: string) {
    // A new job id: the delivery's own job may still be "active" under a dead worker's lock.
    await queue.add(sendEmailJob.name, { deliveryId }, { jobId: sendEmailJobId(deliveryId, Date.now()) });
  }

  async function runOnce() {
    if (!schedulesReady) {
      await ensureDigestSchedules(deps);
      schedulesReady = true;
    }
    const { requeue: released, assumedSent } = await sender.reconcile();
    for (const id of released) await requeue(id);
    let requeued = released.length;
    for (const id of await sender.quietPending(quietMs)) {
      const job = await queue.getJob(sendEmailJobId(id));
      const state = job ? await job.getState() : 'missing';
      if (state === 'failed') await job!.retry('failed');
      else if (state === 'missing' || state === 'completed' || state === 'unknown') await requeue(id);
      else continue;
      requeued += 1;
    }
    if (requeued || assumedSent) deps.logger.info({ requeued, assumedSent }, 'deliveries reconciled');
    return { requeued, assumedSent };
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err: unknown) =>
          deps.logger.warn({ err: err instanceof Error ? err.message : err }, 'reconciliation failed'),
        )
        .finally(schedule);
    }, intervalMs);
  }
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Daily 07:00 and Monday 07:00 in Europe/Stockholm (BullMQ job schedulers; upsert is idempotent). */
export async function ensureDigestSchedules(deps: Pick<Deps, 'queues'>): Promise<void> {
  const queue = deps.queues.get(planDigestsJob.queue);
  for (const s of DIGEST_SCHEDULES) {
    await queue.upsertJobScheduler(
      s.id,
      { pattern: s.pattern, tz: DIGEST_TIME_ZONE },
      {
        name: planDigestsJob.name,
        data: { mode: s.mode },
        opts: { attempts: 8, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 } },
      },
    );
  }
}
