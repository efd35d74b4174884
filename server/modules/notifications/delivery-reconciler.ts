import type { Deps } from '../../platform/deps.js';
import type { DeliverySender } from './delivery-sender.js';
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
 * deliveries whose job is gone get a new one. `beforeFirstRun` runs once, before the first pass
 * (the workers keep the digest schedules in place with it), and again until it succeeds.
 */
export function startDeliveryReconciler(
  deps: Pick<Deps, 'queues' | 'logger'>,
  sender: DeliverySender,
  options: { intervalMs?: number; quietMs?: number; beforeFirstRun?: () => Promise<void> } = {},
): Reconciler {
  const intervalMs = options.intervalMs ?? 5_000;
  const quietMs = options.quietMs ?? QUIET_MS;
  const queue = deps.queues.get(sendEmailJob.queue);
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;

  async function requeue(deliveryId: string) {
    // A new job id: the delivery's own job may still be "active" under a dead worker's lock.
    await queue.add(sendEmailJob.name, { deliveryId }, { jobId: sendEmailJobId(deliveryId, Date.now()) });
  }

  async function runOnce() {
    if (!started) {
      await options.beforeFirstRun?.();
      started = true;
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
