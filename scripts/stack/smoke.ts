/**
 * Smoke check of the local stack: `npx tsx scripts/stack/smoke.ts [--mails N]`.
 * Starts every service ephemerally (profile "smoke"), uses each one with the client the app
 * uses, stops them and checks that no process or data dir is left behind.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { startStack, type CaughtMessage } from './index.js';
import { isAlive } from './os-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mailsArg = process.argv.indexOf('--mails');
const burst = mailsArg > 0 ? Number(process.argv[mailsArg + 1]) : 0;
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(2)} s`;

const t0 = performance.now();
// env: {} so that service URLs exported in this shell do not make the stack skip anything.
const stack = await startStack({ root, profile: 'smoke', ephemeral: true, env: {} });
console.log(`stack started in ${seconds(t0)}`);
for (const s of stack.services) console.log(`  ${s.name.padEnd(12)} ${s.version.padEnd(20)} ${s.url}`);

try {
  const { env } = stack;

  await mongoose.connect(env.MONGODB_URI ?? '', { serverSelectionTimeoutMS: 5_000 });
  const status = (await mongoose.connection.db!.admin().command({ replSetGetStatus: 1 })) as {
    set: string;
    members: Array<{ stateStr: string }>;
  };
  assert.equal(status.set, 'rs0');
  assert.equal(status.members[0]?.stateStr, 'PRIMARY');
  // Transactions need the replica set: prove one commits.
  const session = await mongoose.connection.startSession();
  await session.withTransaction(() =>
    mongoose.connection.db!.collection('smoke').insertOne({ ok: 1 }, { session }),
  );
  await session.endSession();
  await mongoose.disconnect();
  console.log('ok mongodb: rs0 PRIMARY, transaction committed');

  const meili = await fetch(`${env.MEILI_URL}/version`, {
    headers: { Authorization: `Bearer ${env.MEILI_MASTER_KEY}` },
  });
  assert.equal(meili.status, 200);
  const unauthorised = await fetch(`${env.MEILI_URL}/version`);
  assert.equal(unauthorised.status, 401);
  console.log(`ok meilisearch: /version ${JSON.stringify(await meili.json())}, 401 without the key`);

  const redis = new Redis(env.REDIS_URL ?? '', { maxRetriesPerRequest: 1 });
  assert.equal(await redis.ping(), 'PONG');
  assert.deepEqual(await redis.config('GET', 'appendonly'), ['appendonly', 'yes']);
  assert.deepEqual(await redis.config('GET', 'maxmemory-policy'), ['maxmemory-policy', 'noeviction']);
  redis.disconnect();
  console.log('ok redis: PONG, appendonly yes, noeviction');

  const transport = nodemailer.createTransport({ url: env.SMTP_URL, pool: true, maxConnections: 5 });
  await transport.sendMail({
    from: 'Behovstorget <no-reply@behovstorget.test>',
    to: 'anna@example.test',
    bcc: 'audit@example.test',
    subject: 'Smoke test – åäö',
    text: 'Hello from the smoke test',
    html: '<p>Hello <b>from</b> the smoke test</p><script>alert(1)</script>',
    attachments: [
      {
        filename: 'invite.ics',
        content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        contentType: 'text/calendar',
      },
    ],
  });
  const api = `${env.MAIL_CATCHER_URL}api/messages`;
  const caught = (await (await fetch(`${api}?to=anna@example.test`)).json()) as CaughtMessage[];
  assert.equal(caught.length, 1);
  const [mail] = caught;
  assert.equal(mail?.subject, 'Smoke test – åäö');
  assert.equal(mail?.from, 'no-reply@behovstorget.test');
  assert.deepEqual(mail?.to, ['anna@example.test']);
  assert.match(mail?.text ?? '', /Hello from the smoke test/);
  assert.equal(mail?.attachments[0]?.filename, 'invite.ics');
  assert.match(Buffer.from(mail?.attachments[0]?.content ?? '', 'base64').toString(), /BEGIN:VCALENDAR/);
  assert.equal(mail?.headers['subject'], 'Smoke test – åäö');
  const viaBcc = (await (await fetch(`${api}?to=audit@example.test`)).json()) as CaughtMessage[];
  assert.equal(viaBcc.length, 1);
  const page = await (await fetch(env.MAIL_CATCHER_URL ?? '')).text();
  assert.match(page, /Smoke test – åäö/);
  const view = await fetch(`${env.MAIL_CATCHER_URL}messages/${mail?.id}`);
  assert.equal(view.status, 200);
  const eml = await fetch(`${env.MAIL_CATCHER_URL}messages/${mail?.id}.eml`);
  assert.match(await eml.text(), /Subject:/);
  console.log('ok mail catcher: message caught, parsed, listed and downloadable');

  if (burst > 0) {
    assert.equal((await fetch(api, { method: 'DELETE' })).status, 204);
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        transport.sendMail({
          from: 'no-reply@behovstorget.test',
          to: `user${i % 50}@example.test`,
          subject: `Burst ${i}`,
          text: `Message ${i}`,
        }),
      ),
    );
    const sent = seconds(t1);
    const all = (await (await fetch(api)).json()) as CaughtMessage[];
    assert.equal(all.length, burst);
    assert.equal(new Set(all.map((m) => m.subject)).size, burst);
    console.log(`ok mail catcher burst: ${burst} messages sent in ${sent}, all ${all.length} listed`);
  }
  transport.close();
} finally {
  const pids = stack.services.flatMap((s) => (s.pid ? [s.pid] : []));
  const t2 = performance.now();
  await stack.stop();
  console.log(`stack stopped in ${seconds(t2)}`);
  const stray = pids.filter(isAlive);
  assert.deepEqual(stray, [], `processes still running: ${stray.join(', ')}`);
  const runDir = path.join(root, '.data', 'smoke', 'run');
  const left = fs.existsSync(runDir) ? fs.readdirSync(runDir) : [];
  assert.deepEqual(left, [], `pid files left: ${left.join(', ')}`);
  console.log(`ok no stray processes (${pids.join(', ')}) or pid files`);
}
