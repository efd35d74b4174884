import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { createEmailService } from '../../server/modules/notifications/email.service.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { spawnWorkers, startSink, until, type WorkersChild } from './delivery-kit.js';

/**
 * An SMTP server that stops answering at a chosen point: never answers RCPT TO, or answers DATA
 * with 354 and then reads no more than the first chunk of the body. It never sees a final ".".
 */
async function startStallingSmtp(stall: 'rcpt' | 'after-354') {
  const events = new EventEmitter();
  const commands: string[] = [];
  let dotSeen = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.write('220 stalling ESMTP\r\n');
    let lines = '';
    let inData = false;
    socket.on('data', (d: Buffer) => {
      if (inData) {
        if (d.includes('\r\n.\r\n')) dotSeen = true;
        // Read nothing more: the rest of the body stays in the buffers between us and the worker.
        socket.pause();
        events.emit('body');
        return;
      }
      lines += d.toString('latin1');
      let end: number;
      while ((end = lines.indexOf('\r\n')) >= 0) {
        const line = lines.slice(0, end);
        lines = lines.slice(end + 2);
        const verb = line.split(/[ :]/)[0]!.toUpperCase();
        commands.push(verb);
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-stalling\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') socket.write('250 sender ok\r\n');
        else if (verb === 'RCPT') {
          events.emit('rcpt');
          if (stall !== 'rcpt') socket.write('250 recipient ok\r\n');
        } else if (verb === 'DATA') {
          socket.write('354 go ahead\r\n');
          inData = true;
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    events,
    commands,
    dotSeen: () => dotSeen,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function recordDelivery(ctx: TestContext, name: string): Promise<string> {
  const email = createEmailService({ mongo: ctx.deps.mongo, outbox: createOutbox(ctx.deps.mongo) });
  await inTransaction(ctx.deps.mongo, (session) =>
    email.queue(session, [
      {
        key: `password-changed.${name.length}.${Date.now()}`,
        to: 'stall@test.behovstorget.se',
        template: 'accounts.password-changed',
        locale: 'sv',
        data: { name },
      },
    ]),
  );
  const row = await deliveryModel(ctx.deps.mongo).findOne({}, { _id: 1 }).lean();
  return String(row!._id);
}

describe('delivery: a worker killed while the SMTP server stalls', () => {
  const scenarios = [
    {
      stall: 'rcpt' as const,
      what: 'answers EHLO and MAIL but never RCPT TO',
      reached: 'rcpt',
      // A verification-sized message.
      name: 'Anna',
    },
    {
      stall: 'after-354' as const,
      what: 'answers DATA with 354 and then reads no more of the body',
      reached: 'body',
      // Larger than what the kernel buffers on both ends of a loopback connection hold while the
      // reader reads nothing (≈ 4.5 MB here), so the body cannot all leave the worker.
      name: 'x'.repeat(6 * 1024 * 1024),
    },
  ];

  for (const s of scenarios) {
    it(`when the server ${s.what} and the worker is SIGKILLed, then the delivery is sent again (not counted as sent)`, async () => {
      // Arrange
      const ctx = await createTestContext();
      const stalling = await startStallingSmtp(s.stall);
      const sink = await startSink();
      const children: WorkersChild[] = [];
      try {
        const id = await recordDelivery(ctx, s.name);
        const deliveries = deliveryModel(ctx.deps.mongo);
        const heartbeats = ctx.deps.mongo.collection<{ _id: string; seenAt: Date }>('worker_heartbeats');
        const reached = once(stalling.events, s.reached);
        const first = spawnWorkers(ctx, { SMTP_URL: stalling.url });
        children.push(first);

        // Act: the transaction reaches the stall; the old commit gate had marked `committing` by
        // then (it opened when nodemailer's own streams had drained). One more heartbeat of the
        // worker (every 5 s) gives a slow commit write every chance to land before the kill.
        await reached;
        const stalledAt = new Date();
        await until('a heartbeat after the stall', async () => {
          const beats = await heartbeats.find({ _id: { $regex: `^${first.owner}` } }).toArray();
          return beats.some((b) => b.seenAt > stalledAt);
        });
        const atKill = await deliveries.findById(id).lean();
        await first.kill();
        const second = spawnWorkers(ctx, { SMTP_URL: sink.url });
        children.push(second);
        await until('the delivery to be sent again', async () => {
          const d = await deliveries.findById(id, { status: 1 }).lean();
          return d?.status === 'sent';
        });

        // Assert
        expect(atKill).toMatchObject({ status: 'sending', attempts: 1 });
        expect(atKill!.owner!.startsWith(first.owner)).toBe(true);
        const after = await deliveries.findById(id).lean();
        expect(after).toMatchObject({ status: 'sent', attempts: 2 });
        expect(after!.uncertain).toBeUndefined();
        expect(after!.owner!.startsWith(second.owner)).toBe(true);
        expect(stalling.dotSeen()).toBe(false);
        if (s.stall === 'rcpt') expect(stalling.commands).not.toContain('DATA');
        expect([...sink.received]).toEqual([[`<${id}@localhost>`, 1]]);
      } finally {
        for (const c of children) await c.kill();
        await stalling.close();
        await sink.close();
        await ctx.close();
      }
    });
  }
});
