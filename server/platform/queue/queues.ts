import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import type { Config } from '../../config.js';
import type { RedisClient } from '../redis.js';
import {
  defaultJobOptions,
  queueNames,
  type JobDefinition,
  type JobPayload,
  type QueueName,
} from './jobs.js';
import { queuePrefix } from './prefix.js';

export interface Queues {
  get(name: QueueName): Queue;
  /** Adds a job after validating its payload; a deterministic jobId makes re-adding a no-op. */
  add<J extends JobDefinition>(
    job: J,
    payload: JobPayload<J>,
    opts: { jobId: string; delay?: number },
  ): Promise<void>;
  all(): Queue[];
  close(): Promise<void>;
}

export function createQueues(
  config: Pick<Config, 'QUEUE_PREFIX' | 'QUEUE_HASH_TAG'>,
  connection: RedisClient,
): Queues {
  // BullMQ takes a Cluster's 'connect' status for connected and sends its version check at once;
  // a fail-fast (HTTP) cluster client refuses it until the cluster is ready, and the queue's
  // start-up promise stays rejected for good. So the queues of such a client get a duplicate
  // that waits for the cluster, as BullMQ waits for a single Redis.
  const own =
    connection instanceof Cluster && connection.options.enableOfflineQueue === false
      ? connection.duplicate(undefined, { enableOfflineQueue: true })
      : undefined;
  own?.on('error', () => undefined);
  const queueConnection = own ?? connection;
  const queues = new Map<QueueName, Queue>();
  for (const name of queueNames) {
    const queue = new Queue(name, {
      connection: queueConnection,
      prefix: queuePrefix(config, name),
      defaultJobOptions,
    });
    queue.on('error', () => undefined); // surfaced by readiness and the caller's own errors
    queues.set(name, queue);
  }
  const get = (name: QueueName) => {
    const queue = queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  };
  return {
    get,
    all: () => [...queues.values()],
    async add(job, payload, opts) {
      const data = job.schema.parse(payload);
      await get(job.queue).add(job.name, data, { ...job.options, ...opts });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await own?.quit().catch(() => own.disconnect());
    },
  };
}
