import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startRedis } from '../../scripts/stack/index.js';
import { outboxModel } from '../../server/platform/outbox/outbox.model.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createOutboxRelay, type EventRoutes } from '../../server/platform/outbox/relay.js';
import { defineJob } from '../../server/platform/queue/jobs.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const noteJob = defineJob({
  name: 'note-thing',
  queue: 'maintenance',
  schema: z.object({ thingId: z.string() }),
});
const routes: EventRoutes = {
  'thing.changed': (event) => [{ job: noteJob, payload: { thingId: String(event.payload.thingId) } }],
};

describe('outbox relay', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
  });

  it('when a transaction commits, then its events are relayed once with deterministic job ids', async () => {
    const outbox = createOutbox(ctx.deps.mongo);
    await inTransaction(ctx.deps.mongo, async (session) => {
      await ctx.deps.mongo.collection('things').insertOne({ name: 'a' }, { session });
      await outbox.record(session, [{ type: 'thing.changed', payload: { thingId: 't1' } }]);
    });
    const relay = createOutboxRelay(ctx.deps, routes);

    const first = await relay.runOnce();
    await outboxModel(ctx.deps.mongo).updateMany({}, { $set: { status: 'pending' } }); // as if the mark was lost
    const second = await relay.runOnce();

    expect(first).toBe(1);
    expect(second).toBe(1);
    const jobs = await ctx.deps.queues.get('maintenance').getJobs(['waiting', 'delayed', 'active']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data).toEqual({ thingId: 't1' });
  });

  it('when a transaction aborts, then neither the change nor its event is stored', async () => {
    const outbox = createOutbox(ctx.deps.mongo);

    await expect(
      inTransaction(ctx.deps.mongo, async (session) => {
        await ctx.deps.mongo.collection('things').insertOne({ name: 'b' }, { session });
        await outbox.record(session, [{ type: 'thing.changed', payload: { thingId: 't2' } }]);
        throw new Error('validation failed after the writes');
      }),
    ).rejects.toThrow('validation failed');

    expect(await ctx.deps.mongo.collection('things').countDocuments({ name: 'b' })).toBe(0);
    expect(await outboxModel(ctx.deps.mongo).countDocuments()).toBe(0);
  });

  it('when Redis is down, then events stay pending and are relayed once it is back', async () => {
    const redis = await startRedis({ root, profile: 'test-outbox', ephemeral: true });
    const port = Number(new URL(redis.url).port);
    const other = await createTestContext({ env: { REDIS_URL: redis.url } });
    try {
      const outbox = createOutbox(other.deps.mongo);
      const relay = createOutboxRelay(other.deps, routes);
      await redis.stop();
      await inTransaction(other.deps.mongo, (session) =>
        outbox.record(session, [
          { type: 'thing.changed', payload: { thingId: 'x1' } },
          { type: 'thing.changed', payload: { thingId: 'x2' } },
        ]),
      );

      await expect(relay.runOnce()).rejects.toThrow();
      expect(await outboxModel(other.deps.mongo).countDocuments({ status: 'pending' })).toBe(2);

      const revived = await startRedis({ root, profile: 'test-outbox', ephemeral: true, port });
      try {
        // The http-kind Redis client reconnects with backoff; retry until everything is relayed.
        await waitFor(async () => {
          await relay.runOnce().catch(() => 0);
          return (await outboxModel(other.deps.mongo).countDocuments({ status: 'pending' })) === 0;
        });
        const jobs = await other.deps.queues.get('maintenance').getJobs(['waiting']);
        expect(jobs.map((j) => (j.data as { thingId: string }).thingId).sort()).toEqual(['x1', 'x2']);
      } finally {
        await other.close();
        await revived.stop();
      }
    } finally {
      await redis.stop().catch(() => undefined);
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}
