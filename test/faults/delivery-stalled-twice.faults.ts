import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createTestContext } from '../helpers/context.js';
import { insertNeed } from '../workers/matching-fixtures.js';
import {
  publish,
  queueIdle,
  spawnWorkers,
  startSink,
  subscribers,
  until,
  type WorkersChild,
} from './delivery-kit.js';

const RECIPIENTS = 300;

describe('delivery: a fan-out whose jobs stall twice', () => {
  it('when the worker that took over a killed worker’s jobs is killed too, then no job fails and every email goes out once when a worker is back', async () => {
    // Arrange: 300 instant subscribers (three send-emails jobs of 100); the SMTP sink holds every
    // transaction at RCPT TO, so the jobs stay active with deliveries claimed.
    const ctx = await createTestContext();
    const sink = await startSink();
    const children: WorkersChild[] = [];
    const workers = () => {
      const w = spawnWorkers(ctx, { SMTP_URL: sink.url });
      children.push(w);
      return w;
    };
    try {
      await subscribers(ctx, RECIPIENTS, 'stall2');
      const need = await insertNeed(ctx, { cpvCodes: ['48200000'] });
      const deliveries = deliveryModel(ctx.deps.mongo).collection;
      const email = ctx.deps.queues.get('email');
      const claimedBy = (w: WorkersChild) =>
        deliveries.countDocuments({ status: 'sending', owner: { $regex: `^${w.owner}` } });
      sink.hold();

      // Act 1: the first worker takes the fan-out and dies with it in hand.
      const first = workers();
      await first.ready;
      await publish(ctx, need.id);
      await until('the first worker to hold deliveries', async () => (await claimedBy(first)) >= 16);
      await first.kill();

      // Act 2: a second worker takes the stalled jobs over (they run again, stalled once) and dies too.
      const second = workers();
      await until('the second worker to run the stalled jobs', async () => {
        const active = (await email.getJobs(['active'])).filter((j) => j.name === 'send-emails');
        return active.some((j) => j.stalledCounter >= 1) && (await claimedBy(second)) > 0;
      });
      await second.kill();

      // Act 3: the server answers again and a third worker starts.
      sink.release();
      const third = workers();
      await third.ready;
      const available = Date.now();
      await until(
        'every delivery to be sent',
        async () =>
          (await deliveries.countDocuments({ status: 'sent' })) === RECIPIENTS &&
          (await deliveries.countDocuments()) === RECIPIENTS,
      );
      const recoveredMs = Date.now() - available;
      await until('the email queue to be idle', () => queueIdle(email));
      process.stdout.write(
        `[faults] stalled twice: all ${RECIPIENTS} sent ${(recoveredMs / 1000).toFixed(1)} s after the third worker started\n`,
      );

      // Assert
      const fanout = (await email.getJobs(['completed'])).filter((j) => j.name === 'send-emails');
      expect(fanout.length).toBe(RECIPIENTS / 100);
      expect(Math.max(...fanout.map((j) => j.stalledCounter))).toBeGreaterThanOrEqual(2);
      expect(await email.getJobCounts('failed')).toEqual({ failed: 0 });
      expect(sink.received.size).toBe(RECIPIENTS);
      expect([...sink.received.values()].every((n) => n === 1)).toBe(true);
      expect(await deliveries.countDocuments({ uncertain: true })).toBe(0);
      // Far sooner than the reconciler's pass over quiet pending deliveries (5 minutes).
      expect(recoveredMs).toBeLessThan(5 * 60_000);
    } finally {
      for (const c of children) await c.kill();
      await sink.close();
      await ctx.close();
    }
  });
});
