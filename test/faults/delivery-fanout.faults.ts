import mongoose from 'mongoose';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { insertNeed } from '../workers/matching-fixtures.js';
import {
  publish,
  queueIdle,
  spawnWorkers,
  startSink,
  subscribers,
  until,
  type Sink,
  type WorkersChild,
} from './delivery-kit.js';

const RECIPIENTS = 1_040;
const RUNS = 5;
/** A worker is SIGKILLed (and a new one started) when the sink has this share of the run's emails. */
const KILL_AT = [0.15, 0.4, 0.65];

interface RunFigures {
  run: number;
  kills: number;
  deliveries: number;
  lost: number;
  duplicated: number;
  uncertain: number;
  uncertainArrived: number;
  seconds: number;
}

/**
 * The statistical check of exactly-once delivery: one need with 1,040 instant recipients, two
 * worker processes, three SIGKILLs of a worker in the middle of the fan-out, five runs. Lost and
 * duplicated emails are counted from the SMTP sink's Message-IDs against the deliveries.
 */
describe('delivery: fan-out under repeated SIGKILLs', () => {
  let ctx: TestContext;
  let sink: Sink;
  const figures: RunFigures[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    sink = await startSink();
    await subscribers(ctx, RECIPIENTS, 'fan');
  });
  afterAll(async () => {
    process.stdout.write(`[faults] fan-out figures\n${figures.map((f) => JSON.stringify(f)).join('\n')}\n`);
    await sink?.close();
    await ctx?.close();
  });

  for (let run = 1; run <= RUNS; run++) {
    it(`run ${run}: when workers are SIGKILLed three times mid-fan-out, then all ${RECIPIENTS} emails arrive exactly once`, async () => {
      const deliveries = deliveryModel(ctx.deps.mongo).collection;
      const email = ctx.deps.queues.get('email');
      const started = Date.now();
      const since = mongoose.Types.ObjectId.createFromTime(Math.floor(started / 1000) - 1);
      const before = await deliveries.countDocuments();
      const children: WorkersChild[] = [];
      const start = () => {
        const w = spawnWorkers(ctx, { SMTP_URL: sink.url });
        children.push(w);
        return w;
      };
      const live = [start(), start()];
      let kills = 0;
      const sinkBefore = sink.total();
      const thresholds = KILL_AT.map((share) => Math.round(share * RECIPIENTS));
      try {
        await Promise.all(live.map((w) => w.ready));
        // Kills are triggered by the sink itself (a message just arrived), so they fall in the
        // middle of the flow whatever the machine's speed; the victims alternate.
        sink.onMessage = () => {
          if (thresholds.length === 0 || sink.total() - sinkBefore < thresholds[0]!) return;
          thresholds.shift();
          const victim = kills % 2;
          kills += 1;
          void live[victim]!.kill();
          live[victim] = start();
        };
        const need = await insertNeed(ctx, { title: `Behov nummer ${run}`, cpvCodes: ['48200000'] });
        await publish(ctx, need.id);

        await until(
          'every delivery of the run to be sent',
          async () =>
            (await deliveries.countDocuments()) === before + RECIPIENTS &&
            (await deliveries.countDocuments({ status: { $ne: 'sent' } })) === 0,
          200,
        );
        await until('the email queue to be idle', () => queueIdle(email));
      } finally {
        sink.onMessage = undefined;
        for (const c of children) await c.kill();
      }

      const rows = await deliveries
        .find({ _id: { $gte: since } }, { projection: { _id: 1, uncertain: 1 } })
        .toArray();
      const ids = rows.map((d) => `<${String(d._id)}@localhost>`);
      const lost = ids.filter((id) => !sink.received.has(id)).length;
      const duplicated = ids.reduce((n, id) => n + Math.max(0, (sink.received.get(id) ?? 0) - 1), 0);
      const uncertain = rows.filter((d) => d.uncertain);
      const f: RunFigures = {
        run,
        kills,
        deliveries: rows.length,
        lost,
        duplicated,
        uncertain: uncertain.length,
        uncertainArrived: uncertain.filter((d) => sink.received.has(`<${String(d._id)}@localhost>`)).length,
        seconds: Math.round((Date.now() - started) / 1000),
      };
      figures.push(f);
      process.stdout.write(`[faults] ${JSON.stringify(f)}\n`);

      expect(kills).toBe(KILL_AT.length);
      expect(rows.length).toBe(RECIPIENTS);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(sink.total() - sinkBefore).toBe(RECIPIENTS);
      expect(await email.getJobCounts('failed')).toEqual({ failed: 0 });
    });
  }
});
