import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../../scripts/stack/index.js';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createSubscriptionsService } from '../../server/modules/subscriptions/subscriptions.service.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createUser, uniqueEmail, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { messagesTo } from '../helpers/mail.js';
import { runWorkersInProcess } from '../helpers/workers.js';
import { startFreezeProxy } from './delivery-faults-proxy.js';
import { insertNeed } from './matching-fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Polls `check` until it holds. No deadline of its own: how long a step takes depends on the
 * machine's load, and jest's per-test timeout catches a real hang.
 */
async function waitFor(what: string, check: () => Promise<boolean>) {
  const started = Date.now();
  let told = started;
  while (!(await check())) {
    if (Date.now() - told > 30_000) {
      told = Date.now();
      process.stdout.write(`still waiting for ${what} (${Math.round((told - started) / 1000)} s)\n`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Every queue of the file has no job left to run (so no copy of an email is still on its way);
 * the digest schedulers' next runs (delayed, `repeat:` ids, days ahead) do not count.
 */
async function idle(ctx: TestContext) {
  await waitFor('the queues to be idle', async () => {
    for (const q of ctx.deps.queues.all()) {
      const c = await q.getJobCounts('active', 'waiting', 'prioritized');
      if (Object.values(c).some((n) => n > 0)) return false;
      if (!(await q.getJobs(['delayed'])).every((j) => j.id?.startsWith('repeat:'))) return false;
    }
    return true;
  });
}

async function subscribers(ctx: TestContext, n: number, prefix: string): Promise<TestUser[]> {
  const users: TestUser[] = [];
  const service = createSubscriptionsService(ctx.deps);
  for (let i = 0; i < n; i++) {
    const user = await createUser(ctx, { email: uniqueEmail(`${prefix}${i}`) });
    await service.create(
      {
        userId: user.id,
        sessionId: 't',
        email: user.email,
        emailVerified: true,
        isAdmin: false,
        language: 'sv',
        via: 'bearer',
      },
      {
        kind: 'search',
        delivery: 'instant',
        name: `s${i}`,
        filters: { q: '', cpvCodes: ['48000000'], regions: [], networkIds: [], stages: [] },
      },
    );
    users.push(user);
  }
  return users;
}

async function publish(ctx: TestContext, needId: string) {
  await inTransaction(ctx.deps.mongo, (session) =>
    createOutbox(ctx.deps.mongo).record(session, [{ type: 'need.published', payload: { needId } }]),
  );
}

/** Messages per recipient in the SMTP sink. */
async function counts(users: TestUser[]): Promise<number[]> {
  return Promise.all(users.map(async (u) => (await messagesTo(u.email)).length));
}

describe('delivery faults', () => {
  it('when the worker process is SIGKILLed in the middle of a batch, then after a restart everyone has exactly one email', async () => {
    // Arrange: 60 instant subscribers of one need; the workers run as a real child process and
    // reach the SMTP sink through a proxy that can stall the server's replies.
    const ctx = await createTestContext();
    const proxy = await startFreezeProxy(process.env.SMTP_URL!);
    const children: ChildProcess[] = [];
    const startWorkers = (smtpUrl: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          PUBLIC_BASE_URL: ctx.config.PUBLIC_BASE_URL,
          SESSION_SECRET: ctx.config.SESSION_SECRET,
          MONGODB_DB: ctx.config.MONGODB_DB,
          QUEUE_PREFIX: ctx.config.QUEUE_PREFIX,
          MEILI_INDEX_PREFIX: ctx.config.MEILI_INDEX_PREFIX,
          SMTP_URL: smtpUrl,
          OUTBOX_POLL_MS: '50',
          WORKER_CONCURRENCY: '8',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
      return child;
    };
    try {
      const users = await subscribers(ctx, 60, 'kill');
      const need = await insertNeed(ctx, { cpvCodes: ['48200000'] });
      const first = startWorkers(proxy.url);
      const exited = new Promise((resolve) => first.on('exit', resolve));

      // Act: publish; once a third of the batch is in the sink, stall the server's replies right
      // after a final "." so every transaction in flight is parked (before its final "." or
      // after it, waiting for the 250), then SIGKILL.
      await publish(ctx, need.id);
      await waitFor(
        'a third of the emails',
        async () => (await counts(users)).filter((c) => c > 0).length >= 20,
      );
      await proxy.freezeAfterNextMessage();
      const deliveries = deliveryModel(ctx.deps.mongo);
      // Parked means: no connection is mid-body (with replies frozen, no new 354 arrives), and
      // every delivery marked committing has its final "." at the server (the mark is written
      // right before the "."; see delivery-sender.ts). Once both hold nothing moves until thaw.
      await waitFor(
        'every transaction to be parked',
        async () =>
          proxy.dataInProgress() === 0 &&
          (await deliveries.collection.countDocuments({ status: 'committing' })) ===
            proxy.dotsAwaitingReply(),
      );
      const inFlight = await deliveries.collection.countDocuments({
        status: { $in: ['sending', 'committing'] },
      });
      const committing = await deliveries.collection.countDocuments({ status: 'committing' });
      first.kill('SIGKILL');
      await exited;
      proxy.thaw();
      const sentBeforeRestart = await deliveries.collection.countDocuments({ status: 'sent' });
      startWorkers(process.env.SMTP_URL!);

      // Assert
      await waitFor(
        'every delivery to be sent',
        async () =>
          (await deliveries.collection.countDocuments({ status: { $ne: 'sent' } })) === 0 &&
          (await deliveries.collection.countDocuments()) === 60,
      );
      await idle(ctx);
      expect(sentBeforeRestart).toBeLessThan(60);
      expect(inFlight).toBeGreaterThan(0);
      // At least one message was with the server (final "." sent, 250 held back) when the worker
      // died: it counts as sent (uncertain) and is not sent again.
      expect(committing).toBeGreaterThan(0);
      expect(await deliveries.collection.countDocuments({ uncertain: true })).toBe(committing);
      expect(await counts(users)).toEqual(users.map(() => 1));
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      await proxy.close();
      await ctx.close();
    }
  }, 300_000);

  it('when Redis is down while needs are published, then every email still arrives exactly once after it returns', async () => {
    // Arrange: a Redis of our own, workers in this process.
    const redis = await startRedis({ root, profile: 'test-delivery-faults', ephemeral: true });
    const port = Number(new URL(redis.url).port);
    const ctx = await createTestContext({ env: { REDIS_URL: redis.url } });
    let revived: Awaited<ReturnType<typeof startRedis>> | undefined;
    const workers = await runWorkersInProcess(ctx);
    try {
      const users = await subscribers(ctx, 10, 'redis');
      const needs = await Promise.all([
        insertNeed(ctx, { title: 'Behov ett', cpvCodes: ['48200000'] }),
        insertNeed(ctx, { title: 'Behov två', cpvCodes: ['48100000'] }),
        insertNeed(ctx, { title: 'Behov tre', cpvCodes: ['48300000'] }),
      ]);

      // Act: Redis goes away; the needs are published (MongoDB only: state + outbox); Redis returns.
      await redis.stop();
      for (const need of needs) await publish(ctx, need.id);
      // The outage's length is the scenario (the relay's enqueue waits while Redis is gone).
      await new Promise((r) => setTimeout(r, 1_000));
      revived = await startRedis({ root, profile: 'test-delivery-faults', ephemeral: true, port });

      // Assert: 10 users × 3 needs, each email once.
      const deliveries = deliveryModel(ctx.deps.mongo);
      await waitFor(
        'every delivery to be sent',
        async () => (await deliveries.collection.countDocuments({ status: 'sent' })) === 30,
      );
      await idle(ctx);
      expect(await counts(users)).toEqual(users.map(() => 3));
      for (const u of users) {
        const subjects = (await messagesTo(u.email)).map((m) => m.subject).sort();
        expect(subjects).toEqual([
          'Nytt behov som matchar dig: Behov ett',
          'Nytt behov som matchar dig: Behov tre',
          'Nytt behov som matchar dig: Behov två',
        ]);
      }
    } finally {
      await workers.stop();
      await ctx.close();
      await revived?.stop();
      await redis.stop().catch(() => undefined);
    }
  }, 150_000);
});
