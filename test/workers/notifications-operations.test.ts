import { SMTPServer } from 'smtp-server';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createEmailService } from '../../server/modules/notifications/email.service.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

/** A mail server that refuses one mailbox for good (550) and accepts the rest. */
async function strictMailServer() {
  const accepted: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) {
        const err = Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        accepted.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('operations: failed deliveries and queues', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let mail: Awaited<ReturnType<typeof strictMailServer>>;
  let admin: LoggedIn;
  let user: LoggedIn;

  beforeAll(async () => {
    mail = await strictMailServer();
    ctx = await createTestContext({ env: { SMTP_URL: mail.url } });
    workers = await runWorkersInProcess(ctx);
    admin = await loginAs(ctx, await createUser(ctx, { admin: true }));
    user = await loginAs(ctx, await createUser(ctx));
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
    await mail.close();
  });

  async function queueEmail(to: string, key: string) {
    await inTransaction(ctx.deps.mongo, (session) =>
      createEmailService({ mongo: ctx.deps.mongo, outbox: createOutbox(ctx.deps.mongo) }).queue(session, [
        { key, to, template: 'accounts.password-changed', locale: 'sv', data: {} },
      ]),
    );
    await workers.drain(20_000);
  }

  it('when the address does not exist (550), then the delivery fails for good, is recorded and is not retried', async () => {
    await queueEmail('nobody@example.org', 'ops.1');

    const delivery = await deliveryModel(ctx.deps.mongo).findOne({ key: 'ops.1' }).lean();
    expect(delivery).toMatchObject({ status: 'failed', permanent: true, responseCode: 550, attempts: 1 });
    expect(delivery?.lastError).toMatch(/No such user/);
  });

  it('when an admin asks, then queue depths, failed jobs and failed deliveries are listed; others are refused', async () => {
    await queueEmail('nobody@example.org', 'ops.2');
    await queueEmail('someone@example.org', 'ops.3');

    const res = await admin.bearer(ctx.http().get('/api/admin/queues'));
    const refused = await user.bearer(ctx.http().get('/api/admin/queues'));
    const anonymous = await ctx.http().get('/api/admin/queues');

    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual([
      'email',
      'search',
      'matching',
      'maintenance',
      'embeddings',
    ]);
    const email = res.body.queues.find((q: { name: string }) => q.name === 'email');
    expect(email.counts).toMatchObject({ waiting: 0, active: 0 });
    expect(email.failedJobs[0]).toMatchObject({
      name: 'send-email',
      failedReason: expect.stringMatching(/failed for good/),
    });
    expect(res.body.deliveries.failed.map((d: { to: string }) => d.to)).toContain('nobody@example.org');
    expect(res.body.deliveries.counts).toMatchObject({
      failed: expect.any(Number),
      sent: expect.any(Number),
    });
    expect(refused.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });

  it('when an admin retries a failed delivery, then it is sent again (and fails again, recorded)', async () => {
    await queueEmail('nobody@example.org', 'ops.4');
    const failed = await deliveryModel(ctx.deps.mongo).findOne({ key: 'ops.4' }).lean();

    const res = await admin.bearer(ctx.http().post(`/api/admin/deliveries/${String(failed!._id)}/retry`));
    await workers.drain(20_000);
    const sent = await deliveryModel(ctx.deps.mongo).findOne({ key: 'ops.3' }).lean();
    const notFailed = await admin.bearer(ctx.http().post(`/api/admin/deliveries/${String(sent!._id)}/retry`));

    expect(res.status).toBe(204);
    expect(await deliveryModel(ctx.deps.mongo).findById(failed!._id).lean()).toMatchObject({
      status: 'failed',
      attempts: 2,
    });
    expect(notFailed.status).toBe(409);
    expect(mail.accepted).toEqual(['someone@example.org']);
  });

  it('when the queue dashboard is opened, then admins get Bull Board and others are refused', async () => {
    const board = await admin.bearer(ctx.http().get('/admin/queues'));
    const api = await admin.bearer(ctx.http().get('/admin/queues/api/queues'));
    const refused = await user.bearer(ctx.http().get('/admin/queues'));
    const anonymous = await ctx.http().get('/admin/queues/api/queues');

    expect(board.status).toBe(200);
    expect(board.text).toMatch(/<html/i);
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toContain('email');
    expect(refused.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });
});
