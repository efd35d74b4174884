import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';

/** A single Redis or a Redis Cluster: BullMQ and the rate limiter take either. */
export type RedisClient = Redis | Cluster;

type RedisConfig = Pick<Config, 'REDIS_URL'> & Partial<Pick<Config, 'REDIS_CLUSTER_NODES'>>;

/**
 * Two kinds of connection: `http` fails fast while Redis is down (callers answer 503 instead
 * of hanging); `worker` waits and retries forever as BullMQ requires. With REDIS_CLUSTER_NODES
 * the same options apply to every node of an ioredis Cluster.
 */
export function createRedis(config: RedisConfig, kind: 'http' | 'worker', name: string): RedisClient {
  const options: RedisOptions =
    kind === 'http'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, connectionName: name }
      : { maxRetriesPerRequest: null, connectionName: name };
  const retryStrategy = (times: number) => Math.min(times * 200, 2_000);
  const redis = config.REDIS_CLUSTER_NODES?.length
    ? createCluster(config.REDIS_URL, config.REDIS_CLUSTER_NODES, { ...options, retryStrategy }, kind)
    : new Redis(config.REDIS_URL, { ...options, retryStrategy });
  // Errors are reported through readiness and the callers; without a listener ioredis logs to stderr.
  redis.on('error', () => undefined);
  return redis;
}

function createCluster(url: string, nodes: string[], redisOptions: RedisOptions, kind: 'http' | 'worker') {
  const seed = new URL(url);
  const seeds = [`${seed.hostname}:${seed.port || 6379}`, ...nodes].map((n) => {
    const at = n.lastIndexOf(':');
    return { host: n.slice(0, at), port: Number(n.slice(at + 1)) };
  });
  return new Cluster(seeds, {
    redisOptions: {
      ...redisOptions,
      ...(seed.username ? { username: decodeURIComponent(seed.username) } : {}),
      ...(seed.password ? { password: decodeURIComponent(seed.password) } : {}),
      ...(seed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    // The offline queue is per cluster client too: off on the HTTP path so an outage answers 503.
    enableOfflineQueue: kind !== 'http',
    clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

export async function redisVersion(redis: RedisClient): Promise<string> {
  const info = await redis.info('server');
  const match = /redis_version:([^\r\n]+)/.exec(info);
  return match?.[1]?.trim() ?? 'unknown';
}
