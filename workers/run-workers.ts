import { DelayedError, Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Deps } from '../server/platform/deps.js';
import { dependencyDown, dependencyWaitMs } from '../server/platform/queue/dependency-down.js';
import { createRedis } from '../server/platform/redis.js';
import type { QueueName } from '../server/platform/queue/jobs.js';
import { queuePrefix } from '../server/platform/queue/prefix.js';
import { parsePayload, type Processor, type ProcessorContext } from './define-worker.js';

/**
 * How BullMQ tells a dead worker's jobs. A job whose worker dies keeps its lock until it expires
 * (`lockDuration`, renewed every half of it while the worker lives); a stalled-job check (at most
 * once per `stalledInterval` over all workers) first marks active jobs, and the next check moves
 * those whose lock is gone back to waiting. So a killed worker's jobs run again on a live worker
 * within about lockDuration + 2 × stalledInterval (25 s), and within 2 × stalledInterval (10 s) of
 * a worker starting after all were gone. BullMQ's default `maxStalledCount` (1) failed a job for
 * good when the worker that took it over died too; processors are idempotent and every delivery
 * bounds its own attempts, so a job may stall many times (a job that kills every worker that
 * runs it still ends, after 20).
 */
export const stallOptions = {
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 20,
} satisfies Partial<WorkerOptions>;

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, waits for the jobs in hand to finish, closes the connections. */
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue that has processors, dispatching by job name. */
export function startWorkers(deps: Deps, processors: Processor[]): RunningWorkers {
  const byQueue = new Map<QueueName, Map<string, Processor>>();
  for (const p of processors) {
    const forQueue = byQueue.get(p.job.queue) ?? new Map<string, Processor>();
    if (forQueue.has(p.job.name)) throw new Error(`Two processors for job ${p.job.name}`);
    forQueue.set(p.job.name, p);
    byQueue.set(p.job.queue, forQueue);
  }
  const connection = createRedis(deps.config, 'worker', 'bt-workers');
  const workers = [...byQueue].map(([queue, forQueue]) => {
    const worker = new Worker(
      queue,
      async (job, token) => {
        const processor = forQueue.get(job.name);
        if (!processor) throw new Error(`No processor for job ${job.name} on queue ${queue}`);
        const payload = parsePayload(processor.job, job.data);
        const log = deps.logger.child({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
        const started = performance.now();
        const result = await run(processor, payload, { deps, job, log }, token);
        log.debug({ ms: Math.round(performance.now() - started) }, 'job done');
        return result;
      },
      {
        connection,
        prefix: queuePrefix(deps.config, queue),
        concurrency: deps.config.WORKER_CONCURRENCY,
        ...stallOptions,
      },
    );
    worker.on('error', (err) => deps.logger.error({ err, queue }, 'worker error'));
    worker.on('failed', (job, err) =>
      deps.logger.warn({ err: err.message, queue, job: job?.name, jobId: job?.id }, 'job failed'),
    );
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/** Runs a processor; an opted-in job whose dependency is down goes back to delayed, attempt kept. */
async function run(processor: Processor, payload: unknown, ctx: ProcessorContext, token?: string) {
  try {
    return await processor.handle(payload, ctx);
  } catch (err) {
    const down = processor.whileDown === 'wait' && token ? dependencyDown(err) : null;
    if (!down) throw err;
    const job: Job = ctx.job;
    const waitMs = dependencyWaitMs(job.timestamp);
    ctx.log.warn(
      { dependency: down, waitMs, err: err instanceof Error ? err.message : err },
      'dependency down: the job waits without spending an attempt',
    );
    // moveToDelayed skips the attempt count; DelayedError tells the worker the job has moved.
    await job.moveToDelayed(Date.now() + waitMs, token);
    throw new DelayedError();
  }
}
