import mongoose from 'mongoose';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { prepareFanOut, waitForSettled } from './helpers/fanout.js';
import { progressLog } from './helpers/progress.js';
import {
  childEnv,
  startApiProcess,
  startWorkersProcess,
  stopAll,
  type AppProcess,
} from './helpers/processes.js';
import { call, compareWithSink, prepareMeeting, registrationState } from './helpers/registrations.js';
import { startCountingSink, type CountingSink } from './helpers/smtp-sink.js';

/**
 * Scale-out on one stack: two API processes and two workers processes (real `tsx server/main.ts`
 * and `tsx workers/main.ts`) share the test's MongoDB, Redis and Meilisearch. Nothing is held in
 * process memory, so a crash of one process or a request on the other API changes nothing.
 */
const log = (msg: string) => process.stdout.write(`[scale] ${msg}\n`);

describe('scale-out: two API and two workers processes', () => {
  let sink: CountingSink;
  let ctx: TestContext;
  const procs: AppProcess[] = [];

  beforeEach(async () => {
    sink = await startCountingSink();
    ctx = await createTestContext({ env: { SMTP_URL: sink.url } });
  });
  afterEach(async () => {
    await stopAll(procs.splice(0));
    await ctx.close();
    await sink.close();
  });

  it('when one of two workers is SIGKILLed in the middle of a 1,000-recipient fan-out, then every recipient gets exactly one email', async () => {
    // Arrange
    const fan = await prepareFanOut(ctx, 1000);
    const env = childEnv(ctx.config);
    const [a, b] = await Promise.all([
      startWorkersProcess('scale-workers-a', env),
      startWorkersProcess('scale-workers-b', env),
    ]);
    procs.push(a, b);
    const started = Date.now();

    // Act: publish; once 300 emails are in, kill one workers process.
    await fan.publish();
    await sink.waitFor(300, fan.isOurs);
    await a.kill();
    const atKill = sink.total(fan.isOurs);
    log(`workers A SIGKILLed with ${atKill}/1000 emails received`);
    const settled = await waitForSettled(ctx, 1000, progressLog('scale'));

    // Assert
    const perRecipient = fan.emails.map((e) => sink.perRecipient.get(e) ?? 0);
    const lost = perRecipient.filter((n) => n === 0).length;
    const duplicated = perRecipient.filter((n) => n > 1).length;
    const uncertain = await deliveryModel(ctx.deps.mongo).countDocuments({ uncertain: true });
    log(
      `fan-out of 1000 settled in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${lost} lost, ${duplicated} duplicated, ${uncertain} uncertain, deliveries ${JSON.stringify(settled)}`,
    );
    expect(atKill).toBeLessThan(1000);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(settled).toMatchObject({ total: 1000, sent: 1000, failed: 0 });
  });

  it('when 200 suppliers register at once over two APIs for 20 places, then 20 are registered and 180 waitlisted; 5 cancellations promote 5, each emailed once', async () => {
    // Arrange
    const env = childEnv(ctx.config);
    const started = await Promise.all([
      startApiProcess('scale-api-a', env),
      startApiProcess('scale-api-b', env),
      startWorkersProcess('scale-workers-a', env),
      startWorkersProcess('scale-workers-b', env),
    ]);
    procs.push(...started);
    const apis = [started[0]!.url!, started[1]!.url!];
    const { meetingId, suppliers } = await prepareMeeting(ctx, apis[0]!, 200);

    // Act: 200 registrations at once, alternating between the two APIs
    const answers = await Promise.all(
      suppliers.map((s, i) =>
        call(`${apis[i % 2]}/api/meetings/${meetingId}/registrations`, 'POST', s.token),
      ),
    );

    // Assert
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(answers.filter((a) => a.body.status === 'registered')).toHaveLength(20);
    expect(answers.filter((a) => a.body.status === 'waitlisted')).toHaveLength(180);
    const before = await registrationState(ctx, meetingId);
    expect(before).toMatchObject({ registered: 20, waitlisted: 180, confirmedCount: 20 });

    // Act: 5 registered suppliers cancel at once, over both APIs
    const registeredOrgs = new Set(
      before.rows.filter((r) => r.status === 'registered').map((r) => String(r.organisationId)),
    );
    const leaving = suppliers.filter((s) => registeredOrgs.has(s.organisationId)).slice(0, 5);
    const firstInLine = before.rows
      .filter((r) => r.status === 'waitlisted')
      .sort((x, y) => (x.waitlistSeq ?? 0) - (y.waitlistSeq ?? 0))
      .slice(0, 5)
      .map((r) => String(r.organisationId));
    const cancels = await Promise.all(
      leaving.map((s, i) =>
        call(`${apis[i % 2]}/api/meetings/${meetingId}/registrations/mine`, 'DELETE', s.token),
      ),
    );

    // Assert
    expect(cancels.map((c) => c.status)).toEqual([204, 204, 204, 204, 204]);
    const after = await registrationState(ctx, meetingId);
    expect(after).toMatchObject({ registered: 20, waitlisted: 175, cancelled: 5, confirmedCount: 20 });
    const promoted = after.rows.filter((r) => r.promotedAt);
    expect(promoted.map((r) => String(r.organisationId)).sort()).toEqual([...firstInLine].sort());
    const promotionKeys = promoted.map((r) => `meeting.promoted.${r._id}`);
    await waitForSettled(ctx, 205, progressLog('scale'));
    const promotions = await deliveryModel(ctx.deps.mongo)
      .find({ key: mongoose.trusted({ $in: promotionKeys }) })
      .lean();
    expect(promotions.map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    for (const orgId of firstInLine) {
      const supplier = suppliers.find((s) => s.organisationId === orgId)!;
      expect(promotions.filter((d) => d.to === supplier.email)).toHaveLength(1);
    }
    const mail = await compareWithSink(ctx, sink);
    log(
      `registrations over two APIs: ${mail.deliveries} emails recorded, ${mail.lost} lost, ${mail.duplicated} duplicated`,
    );
    expect(mail).toMatchObject({ lost: 0, duplicated: 0 });
  });
});
