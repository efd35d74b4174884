import { createHmac } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError, errors } from '../errors.js';
import type { RedisClient } from '../redis.js';

/**
 * Fixed-window counters in Redis, shared by every API replica. Keys are HMACs of what they
 * count (an email, an IP), so no personal data sits in Redis.
 */
export interface RateLimiterOptions {
  /** Short name, part of the Redis key, e.g. `login-account`. */
  name: string;
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
  /** Redis key prefix (e.g. the queue prefix, so test files do not share counters). */
  prefix?: string;
  /** Secret for the key HMAC (e.g. SESSION_SECRET). */
  secret?: string;
  /** Names the feature in the 503 answer when Redis is down, e.g. "Login". */
  feature?: string;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** Seconds until the window ends (what Retry-After says when refused). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly name: string;
  /** Counts one hit for `key`. Once the limit is reached, hits are refused and no longer counted. */
  consume(key: string): Promise<RateLimitResult>;
  /** The current state without counting a hit. */
  peek(key: string): Promise<RateLimitResult>;
  /** Takes one hit back (e.g. an attempt that turned out to be a success). */
  refund(key: string): Promise<void>;
  /** Forgets the key's counter. */
  reset(key: string): Promise<void>;
  /** consume(), throwing 429 rate_limited (with Retry-After) when refused. */
  enforce(key: string): Promise<RateLimitResult>;
}

// Atomic: count only while under the limit, start the window on the first hit.
const CONSUME = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[1])
if current >= limit then
  return {0, current, redis.call('PTTL', KEYS[1])}
end
current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, current, redis.call('PTTL', KEYS[1])}
`;

const REFUND = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current > 0 then redis.call('DECR', KEYS[1]) end
return current
`;

export function createRateLimiter(redis: RedisClient, options: RateLimiterOptions): RateLimiter {
  const {
    name,
    limit,
    windowSeconds,
    prefix = 'bt',
    secret = 'rate-limit',
    feature = 'This service',
  } = options;
  const windowMs = windowSeconds * 1000;
  const keyOf = (key: string) =>
    `${prefix}:rl:${name}:${createHmac('sha256', secret).update(key).digest('base64url')}`;
  const result = (allowed: boolean, count: number, pttl: number): RateLimitResult => ({
    allowed,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: pttl > 0 ? Math.ceil(pttl / 1000) : windowSeconds,
  });
  // With enableOfflineQueue off, a Redis outage fails at once: refuse (fail closed) with a 503.
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw errors.unavailable(feature);
    }
  };
  const limiter: RateLimiter = {
    name,
    consume: (key) =>
      guard(async () => {
        const [allowed, count, pttl] = (await redis.eval(
          CONSUME,
          1,
          keyOf(key),
          limit,
          windowMs,
        )) as number[];
        return result(allowed === 1, count ?? 0, pttl ?? -1);
      }),
    peek: (key) =>
      guard(async () => {
        const k = keyOf(key);
        const [[, count], [, pttl]] = (await redis.multi().get(k).pttl(k).exec()) as [
          [unknown, string | null],
          [unknown, number],
        ];
        const n = Number(count ?? 0);
        return result(n < limit, n, pttl);
      }),
    refund: (key) =>
      guard(async () => {
        await redis.eval(REFUND, 1, keyOf(key));
      }),
    reset: (key) =>
      guard(async () => {
        await redis.del(keyOf(key));
      }),
    async enforce(key) {
      const r = await limiter.consume(key);
      if (!r.allowed) throw errors.tooManyRequests(r.retryAfterSeconds);
      return r;
    },
  };
  return limiter;
}

/** Middleware: counts every request by `keyOf(req)` (default: the client IP); 429 once over. */
export function rateLimit(
  limiter: RateLimiter,
  keyOf: (req: Request) => string = (req) => req.ip ?? 'unknown',
): RequestHandler {
  return async (req, res, next) => {
    const r = await limiter.enforce(keyOf(req));
    res.setHeader('RateLimit-Remaining', String(r.remaining));
    next();
  };
}
