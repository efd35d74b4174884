import mongoose from 'mongoose';
import { startMongoReplicaSet, type MongoReplicaSet } from '../../scripts/stack/index.js';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { prepareFanOut, waitForSettled } from './helpers/fanout.js';
import { progressLog } from './helpers/progress.js';
import {
  childEnv,
  root,
  startApiProcess,
  startWorkersProcess,
  stopAll,
  type AppProcess,
} from './helpers/processes.js';
import {
  call,
  compareWithSink,
  prepareMeeting,
  registrationState,
  type Answer,
} from './helpers/registrations.js';
import { startCountingSink, type CountingSink } from './helpers/smtp-sink.js';

/**
 * A MongoDB replica set of three (the same mongod binary, three processes on loopback) under two
 * API and two workers processes. The primary is SIGKILLed in the middle of the work; the driver
 * finds the new primary, retryable writes and the outbox carry on, and the API answers 503 (not
 * 500) for as long as there is no primary. Elections are made quicker (2 s instead of MongoDB's
 * 10 s) so the test spends its time on the work, not on waiting.
 */
const log = (msg: string) => process.stdout.write(`[replica] ${msg}\n`);

describe('MongoDB replica set of three: the primary is killed', () => {
  let rs: MongoReplicaSet;
  let sink: CountingSink;
  let ctx: TestContext;
  const procs: AppProcess[] = [];

  beforeAll(async () => {
    rs = await startMongoReplicaSet({
      root,
      profile: 'faults-replica',
      ephemeral: true,
      members: 3,
      electionTimeoutMs: 2_000,
    });
  });
  afterAll(async () => {
    await rs?.stop();
  });
  beforeEach(async () => {
    sink = await startCountingSink();
    ctx = await createTestContext({ env: { MONGODB_URI: rs.url, SMTP_URL: sink.url } });
  });
  afterEach(async () => {
    await stopAll(procs.splice(0));
    await ctx.close();
    await sink.close();
    for (const m of rs.members) if (!m.running()) await m.start();
  });

  it('when the primary is SIGKILLed during a 1,000-recipient fan-out, then after the election every recipient has exactly one email', async () => {
    // Arrange
    const fan = await prepareFanOut(ctx, 1000);
    const env = childEnv(ctx.config);
    procs.push(
      ...(await Promise.all([
        startWorkersProcess('replica-workers-a', env),
        startWorkersProcess('replica-workers-b', env),
      ])),
    );

    // Act
    await fan.publish();
    await sink.waitFor(300, fan.isOurs);
    const primary = await rs.waitForPrimary();
    const killedAt = Date.now();
    await primary.kill();
    const next = await rs.waitForPrimary({ not: primary });
    log(
      `primary ${primary.host} killed at ${sink.total(fan.isOurs)}/1000 emails; ` +
        `${next.host} primary after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`,
    );
    await primary.start();
    const settled = await waitForSettled(ctx, 1000, progressLog('replica'));

    // Assert
    const perRecipient = fan.emails.map((e) => sink.perRecipient.get(e) ?? 0);
    const lost = perRecipient.filter((n) => n === 0).length;
    const duplicated = perRecipient.filter((n) => n > 1).length;
    const uncertain = await deliveryModel(ctx.deps.mongo).countDocuments({ uncertain: true });
    log(
      `fan-out: ${lost} lost, ${duplicated} duplicated, ${uncertain} uncertain; ${JSON.stringify(settled)}`,
    );
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(settled).toMatchObject({ total: 1000, sent: 1000, failed: 0 });
  });

  it('when the primary is SIGKILLed during 200 registrations and then no primary is left, then the API answers 503 (never 500), and after the election exactly 20 + 180 are registered and 5 promotions are emailed once', async () => {
    // Arrange
    const env = childEnv(ctx.config);
    const started = await Promise.all([
      startApiProcess('replica-api-a', env),
      startApiProcess('replica-api-b', env),
      startWorkersProcess('replica-workers-a', env),
      startWorkersProcess('replica-workers-b', env),
    ]);
    procs.push(...started);
    const apis = [started[0]!.url!, started[1]!.url!];
    const { meetingId, suppliers } = await prepareMeeting(ctx, apis[0]!, 200);
    const register = (i: number) =>
      call(`${apis[i % 2]}/api/meetings/${meetingId}/registrations`, 'POST', suppliers[i]!.token);

    // Act: 200 registrations at once; the primary dies once 50 have been answered.
    const primary = await rs.waitForPrimary();
    let answered = 0;
    let kill: Promise<void> | undefined;
    const answers: Answer[] = await Promise.all(
      suppliers.map(async (_, i) => {
        const answer = await register(i);
        if (++answered === 50) kill = primary.kill();
        return answer;
      }),
    );
    await kill;
    const statuses = answers.map((a) => a.status);
    log(`burst: ${JSON.stringify(countBy(statuses))} (primary ${primary.host} killed after 50 answers)`);

    // Act: a second member dies too, so no primary can be elected at all.
    const second = await rs.waitForPrimary({ not: primary });
    await second.kill();
    const during = await Promise.all([
      call(`${apis[0]}/api/meetings/${meetingId}`, 'GET', suppliers[0]!.token),
      call(`${apis[1]}/api/meetings/${meetingId}/registrations`, 'POST', suppliers[1]!.token),
      call(`${apis[0]}/api/meetings/${meetingId}/registrations/mine`, 'DELETE', suppliers[2]!.token),
    ]);
    log(`without a primary: ${JSON.stringify(during.map((d) => [d.status, d.body.error?.code]))}`);
    await Promise.all([primary.start(), second.start()]);
    await rs.waitForPrimary();

    // Assert: while the set was failing over, only success or 503, never a 500
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(during.map((d) => [d.status, d.body.error?.code])).toEqual([
      [503, 'service_unavailable'],
      [503, 'service_unavailable'],
      [503, 'service_unavailable'],
    ]);

    // Act: the clients that got a 503 try again (a 409 already_registered means the first try did land)
    const retried: Answer[] = [];
    for (const [i, a] of answers.entries()) {
      if (a.status !== 201) retried.push(await register(i));
    }
    log(`retries: ${JSON.stringify(countBy(retried.map((r) => `${r.status} ${r.body.error?.code ?? ''}`)))}`);

    // Assert
    expect(retried.filter((r) => r.status !== 201 && r.body.error?.code !== 'already_registered')).toEqual(
      [],
    );
    const before = await registrationState(ctx, meetingId);
    expect(before).toMatchObject({ registered: 20, waitlisted: 180, confirmedCount: 20 });
    expect(new Set(before.rows.map((r) => String(r.organisationId))).size).toBe(200);

    // Act: 5 cancellations, over both APIs
    const registeredOrgs = new Set(
      before.rows.filter((r) => r.status === 'registered').map((r) => String(r.organisationId)),
    );
    const leaving = suppliers.filter((s) => registeredOrgs.has(s.organisationId)).slice(0, 5);
    const cancels = await Promise.all(
      leaving.map((s, i) =>
        call(`${apis[i % 2]}/api/meetings/${meetingId}/registrations/mine`, 'DELETE', s.token),
      ),
    );

    // Assert
    expect(cancels.map((c) => c.status)).toEqual([204, 204, 204, 204, 204]);
    const after = await registrationState(ctx, meetingId);
    expect(after).toMatchObject({ registered: 20, waitlisted: 175, cancelled: 5, confirmedCount: 20 });
    const promotionKeys = after.rows.filter((r) => r.promotedAt).map((r) => `meeting.promoted.${r._id}`);
    expect(promotionKeys).toHaveLength(5);
    await waitForSettled(ctx, 205, progressLog('replica'));
    const promotions = await deliveryModel(ctx.deps.mongo)
      .find({ key: mongoose.trusted({ $in: promotionKeys }) })
      .lean();
    expect(promotions.map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const mail = await compareWithSink(ctx, sink);
    log(`emails: ${mail.deliveries} recorded, ${mail.lost} lost, ${mail.duplicated} duplicated`);
    expect(mail).toMatchObject({ lost: 0, duplicated: 0 });
  });
});

function countBy<T extends string | number>(values: T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
