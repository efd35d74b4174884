import { Worker } from 'bullmq';
import type { Deps } from '../server/platform/deps.js';
import { createRedis } from '../server/platform/redis.js';
import type { QueueName } from '../server/platform/queue/jobs.js';
import { queuePrefix } from '../server/platform/queue/prefix.js';
import { parsePayload, type Processor } from './define-worker.js';

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
      async (job) => {
        const processor = forQueue.get(job.name);
        if (!processor) throw new Error(`No processor for job ${job.name} on queue ${queue}`);
        const payload = parsePayload(processor.job, job.data);
        const log = deps.logger.child({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
        const started = performance.now();
        const result = await processor.handle(payload, { deps, job, log });
        log.debug({ ms: Math.round(performance.now() - started) }, 'job done');
        return result;
      },
      { connection, prefix: queuePrefix(deps.config, queue), concurrency: deps.config.WORKER_CONCURRENCY },
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
