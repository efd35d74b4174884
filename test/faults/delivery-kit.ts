/**
 * Shared parts of the delivery fault scenarios: workers as real child processes (SIGKILLed at
 * chosen moments), an SMTP sink of our own that counts Message-IDs and can hold transactions,
 * and condition waits without deadlines of their own (jest's testTimeout is the hang detector).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { createSubscriptionsService } from '../../server/modules/subscriptions/subscriptions.service.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createUser, uniqueEmail, type TestUser } from '../helpers/auth.js';
import type { TestContext } from '../helpers/context.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Polls `check` until it holds; logs what it waits for every 30 s so a hang says where it is. */
export async function until(what: string, check: () => Promise<boolean> | boolean, everyMs = 50) {
  const started = Date.now();
  let told = started;
  while (!(await check())) {
    if (Date.now() - told > 30_000) {
      told = Date.now();
      process.stdout.write(`[faults] still waiting for ${what} (${Math.round((told - started) / 1000)} s)\n`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * No job of the queue is left to run. The digest job schedulers' next runs (delayed jobs with
 * `repeat:` ids, days ahead) are always there and do not count.
 */
export async function queueIdle(queue: Queue): Promise<boolean> {
  const c = await queue.getJobCounts('active', 'waiting', 'prioritized');
  if (Object.values(c).some((n) => n > 0)) return false;
  const delayed = await queue.getJobs(['delayed']);
  return delayed.every((j) => j.id?.startsWith('repeat:'));
}

export interface WorkersChild {
  child: ChildProcess;
  /** Prefix of this process's delivery owner id (`host:pid:`). */
  owner: string;
  /** Resolves when the process logged that its workers run. */
  ready: Promise<void>;
  exited: Promise<unknown>;
  kill(): Promise<void>;
}

/** Starts `workers/main.ts` as a child process against the test file's database and queues. */
export function spawnWorkers(ctx: TestContext, env: Record<string, string> = {}): WorkersChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PUBLIC_BASE_URL: ctx.config.PUBLIC_BASE_URL,
      SESSION_SECRET: ctx.config.SESSION_SECRET,
      MONGODB_URI: ctx.config.MONGODB_URI,
      MONGODB_DB: ctx.config.MONGODB_DB,
      REDIS_URL: ctx.config.REDIS_URL,
      MEILI_URL: ctx.config.MEILI_URL,
      MEILI_MASTER_KEY: ctx.config.MEILI_MASTER_KEY,
      QUEUE_PREFIX: ctx.config.QUEUE_PREFIX,
      MEILI_INDEX_PREFIX: ctx.config.MEILI_INDEX_PREFIX,
      SMTP_URL: ctx.config.SMTP_URL,
      OUTBOX_POLL_MS: '50',
      WORKER_CONCURRENCY: '8',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        // Info lines are pino JSON; only warnings and errors are worth the test's output.
        if (line.includes('"msg":"workers started"')) resolve();
        else if (/"level":(40|50|60)/.test(line)) process.stdout.write(`[workers ${child.pid}] ${line}\n`);
      }
    });
    child.once('exit', (code) => reject(new Error(`workers exited (${code}) before they started`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    owner: `${hostname()}:${child.pid}:`,
    ready,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface Sink {
  url: string;
  /** Message-ID → how many times a final "." brought it. */
  received: Map<string, number>;
  total(): number;
  /** New transactions wait at RCPT TO until `release()`. */
  hold(): void;
  release(): void;
  /** RCPT TO commands waiting while held. */
  held(): number;
  /** Called after each accepted message (before the 250 goes out). */
  onMessage?: (messageId: string) => void;
  close(): Promise<void>;
}

/** An SMTP server on smtp-server that keeps only Message-IDs (the counts the scenarios judge). */
export async function startSink(): Promise<Sink> {
  const received = new Map<string, number>();
  let holding = false;
  const waiting: (() => void)[] = [];
  const sink: Sink = {
    url: '',
    received,
    total: () => [...received.values()].reduce((a, b) => a + b, 0),
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const go of waiting.splice(0)) go();
    },
    held: () => waiting.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 50 * 1024 * 1024,
    onRcptTo(_address, _session, callback) {
      if (holding) waiting.push(() => callback());
      else callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks).subarray(0, 8192).toString('utf8');
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '(none)';
        received.set(id, (received.get(id) ?? 0) + 1);
        sink.onMessage?.(id);
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  sink.url = `smtp://127.0.0.1:${port}?pool=true&maxConnections=16`;
  return sink;
}

/** Instant saved-search subscribers of CPV 48000000 (software), created in parallel. */
export async function subscribers(ctx: TestContext, n: number, prefix: string): Promise<TestUser[]> {
  const service = createSubscriptionsService(ctx.deps);
  const users: TestUser[] = new Array<TestUser>(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
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
      users[i] = user;
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return users;
}

/** What the outbox relay turns into match-need (the approval's own event). */
export async function publish(ctx: TestContext, needId: string) {
  await inTransaction(ctx.deps.mongo, (session) =>
    createOutbox(ctx.deps.mongo).record(session, [{ type: 'need.published', payload: { needId } }]),
  );
}
