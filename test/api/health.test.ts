import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../../scripts/stack/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('health', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when asked for liveness, then 200 ok', async () => {
    const res = await ctx.http().get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when every service answers, then /readyz reports ready with the real versions', async () => {
    const res = await ctx.http().get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ready');
    const { mongodb, meilisearch, redis } = res.body.services;
    expect(mongodb.ok).toBe(true);
    expect(Number(mongodb.version.split('.')[0])).toBeGreaterThanOrEqual(6);
    expect(meilisearch.ok).toBe(true);
    expect(meilisearch.version).toMatch(/^1\.21\./);
    expect(redis.ok).toBe(true);
    expect(Number(redis.version.split('.')[0])).toBeGreaterThanOrEqual(7);
  });
});

describe('readiness when a service stops', () => {
  it('when Redis is stopped, then /readyz answers 503 naming redis, and recovers', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const redis = await startRedis({ root, profile: 'test-readyz', ephemeral: true });
    const ctx = await createTestContext({ env: { REDIS_URL: redis.url } });
    try {
      const before = await ctx.http().get('/readyz');
      expect(before.status).toBe(200);

      await redis.stop();
      const res = await ctx.http().get('/readyz');

      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unavailable');
      expect(res.body.services.redis.ok).toBe(false);
      expect(res.body.services.redis.error).toEqual(expect.any(String));
      expect(res.body.services.mongodb.ok).toBe(true);
      expect(res.body.services.meilisearch.ok).toBe(true);
    } finally {
      await ctx.close();
    }
  });
});
