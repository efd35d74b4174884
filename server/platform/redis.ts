import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';

/**
 * Two kinds of connection: `http` fails fast while Redis is down (callers answer 503 instead
 * of hanging); `worker` waits and retries forever as BullMQ requires.
 */
export function createRedis(config: Pick<Config, 'REDIS_URL'>, kind: 'http' | 'worker', name: string): Redis {
  const options: RedisOptions =
    kind === 'http'
      ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, connectionName: name }
      : { maxRetriesPerRequest: null, connectionName: name };
  const redis = new Redis(config.REDIS_URL, {
    ...options,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  // Errors are reported through readiness and the callers; without a listener ioredis logs to stderr.
  redis.on('error', () => undefined);
  return redis;
}

export async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  const match = /redis_version:([^\r\n]+)/.exec(info);
  return match?.[1]?.trim() ?? 'unknown';
}
