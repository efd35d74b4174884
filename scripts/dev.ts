/**
 * `npm run dev`: the whole product on this machine, without Docker. Starts MongoDB, Meilisearch,
 * Redis and the mail catcher (scripts/stack, data in .data/dev), seeds once, then runs the API,
 * the workers and the Vite client with their output prefixed. Ctrl-C stops everything in order.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChildGroup } from './stack/children.js';
import { freePort, killAllNow, startStack, type Stack } from './stack/index.js';
import { portOpen } from './stack/service.js';
import { box, colour as c, shellQuote } from './stack/terminal.js';

const HELP = `Usage: npm run dev -- [options]

Starts MongoDB, Meilisearch, Redis, a mail catcher and the embedding model (no Docker needed;
data in .data/dev),
seeds the database on the first run, then runs the API, the workers and the client in watch mode.

Options:
  --no-client       do not start the Vite client
  --no-workers      do not start the background workers
  --services-only   start only the services and print their settings as \`export\` lines
                    for use in another shell; Ctrl-C stops them
  --replicas N      MongoDB as a replica set of N members (3 for the scale-out set-up)
  --redis-cluster   a three-master Redis Cluster instead of one Redis (queues get hash tags)
                    (either option uses the profile .data/dev-scale, apart from .data/dev)
  -h, --help        show this help

Services named in the environment (MONGODB_URI, MEILI_URL + MEILI_MASTER_KEY, REDIS_URL,
SMTP_URL, EMBEDDINGS_URL — \`off\` for keyword-only search) are used as they are instead of being started. PORT and CLIENT_PORT, when set, fix
the API and client ports. Service logs are in .data/dev/logs/. To start again from an empty
database, stop and delete .data/dev.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const replicasAt = argv.indexOf('--replicas');
const replicas = replicasAt >= 0 ? Number(argv.splice(replicasAt, 2)[1]) : 1;
const args = new Set(argv);
const KNOWN = ['--no-client', '--no-workers', '--services-only', '--redis-cluster', '--help', '-h'];
const redisCluster = args.has('--redis-cluster');
// A replica set or cluster keeps data of its own: the single-node profile's data stays as it is.
const profile = replicas > 1 || redisCluster ? 'dev-scale' : 'dev';
const dataDir = path.join(root, '.data', profile);
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const tsxCli = requireFromRoot.resolve('tsx/cli');
const viteBin = (): string =>
  path.join(path.dirname(requireFromRoot.resolve('vite/package.json')), 'bin', 'vite.js');

const say = (msg: string): void => console.log(`${c.dim('[dev]')} ${msg}`);
const warn = (msg: string): void => console.log(`${c.yellow('[dev]')} ${msg}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let stack: Stack | undefined;
let shuttingDown: Promise<void> | undefined;

const group = new ChildGroup({
  root,
  log: say,
  onUnexpectedExit(child, code, signal) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const running = group.running();
    if (running.length === 0) {
      console.error(c.red(`[dev] ${child.name} ${how}, and nothing else is running: stopping.`));
      void shutdown(1);
      return;
    }
    console.error(
      c.red(`[dev] ${child.name} ${how}; it is not restarted. Still running: ${running.join(', ')}. `) +
        c.red('Fix the problem and restart `npm run dev`, or press Ctrl-C.'),
    );
  },
});

function shutdown(code: number): Promise<void> {
  shuttingDown ??= (async () => {
    console.log();
    say('shutting down (press Ctrl-C again to force)');
    await group.stopAll();
    if (stack) await stack.stop();
    say(code === 0 ? c.green('stopped') : c.red('stopped after an error'));
    process.exit(code);
  })();
  return shuttingDown;
}

let lastSignalAt = 0;

function onSignal(): void {
  // One Ctrl-C can arrive two or three times: from the terminal, and relayed by npm and tsx.
  if (Date.now() - lastSignalAt < 300) return;
  lastSignalAt = Date.now();
  if (shuttingDown) {
    warn('forcing: killing everything now');
    group.killAll();
    killAllNow();
    process.exit(130);
  }
  if (!stack) {
    // Still starting the services: the stack's watchdog stops whatever already runs.
    warn('interrupted during start-up');
    process.exit(130);
  }
  void shutdown(0);
}

function sessionSecret(): string {
  const file = path.join(dataDir, 'session-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    // first run
  }
  const secret = randomBytes(48).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Status of the last answer; waits for a 2xx until the time is up. */
async function waitForHttp(url: string, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last: number | undefined;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      last = res.status;
      if (res.ok) return last;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return last;
}

async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    if ((await portOpen(port, '127.0.0.1')) || (await portOpen(port, '::1'))) return true;
    await sleep(500);
  }
  return false;
}

async function seedOnce(env: NodeJS.ProcessEnv): Promise<void> {
  const marker = path.join(dataDir, 'seeded');
  if (fs.existsSync(marker)) return;
  if (!fs.existsSync(path.join(root, 'scripts', 'seed.ts'))) {
    warn('scripts/seed.ts does not exist yet: skipping the seed');
    return;
  }
  say('seeding the dev database (first run only)');
  const code = await group.start('seed', c.green('[seed]'), [tsxCli, 'scripts/seed.ts'], env, true).exited;
  if (code === 0) {
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
    say('seed done');
  } else if (!shuttingDown) {
    warn(`the seed failed (exit ${code}); it runs again on the next start`);
  }
}

function startApps(env: NodeJS.ProcessEnv, apiPort: number, clientPort: number): void {
  const has = (file: string): boolean => fs.existsSync(path.join(root, file));
  const watch = (file: string): string[] => [tsxCli, 'watch', '--clear-screen=false', file];
  if (has('server/main.ts')) group.start('api', c.cyan('[api]'), watch('server/main.ts'), env);
  else warn('server/main.ts does not exist yet: not starting the API');
  if (!args.has('--no-workers')) {
    if (has('workers/main.ts')) group.start('workers', c.magenta('[workers]'), watch('workers/main.ts'), env);
    else warn('workers/main.ts does not exist yet: not starting the workers');
  }
  if (!args.has('--no-client')) {
    if (has('client/vite.config.ts')) {
      const vite = [
        viteBin(),
        '--config',
        'client/vite.config.ts',
        '--port',
        String(clientPort),
        '--strictPort',
      ];
      group.start('client', c.blue('[client]'), vite, { ...env, API_URL: `http://127.0.0.1:${apiPort}` });
    } else {
      warn('client/vite.config.ts does not exist yet: not starting the client');
    }
  }
  if (group.children.length === 0) warn('nothing to run yet besides the services; Ctrl-C stops them');
}

async function printWhenReady(s: Record<string, string>, apiPort: number, clientPort: number): Promise<void> {
  const names = new Set(group.children.map((ch) => ch.name));
  const apiUrl = `http://localhost:${apiPort}`;
  const clientUrl = `http://localhost:${clientPort}`;
  const [apiStatus, clientUp] = await Promise.all([
    names.has('api') ? waitForHttp(`http://127.0.0.1:${apiPort}/readyz`, 90_000) : undefined,
    names.has('client') ? waitForPort(clientPort, 90_000) : false,
  ]);
  if (shuttingDown) return;
  const rows: Array<[string, string]> = [];
  if (names.has('client')) rows.push(['App', clientUp ? clientUrl : `${clientUrl}  (not answering yet)`]);
  if (names.has('api')) {
    const note = apiStatus === 200 ? '' : `  (${apiStatus ? `answers ${apiStatus}` : 'not answering yet'})`;
    rows.push(
      ['API', `${apiUrl}${note}`],
      ['API docs', `${apiUrl}/api/docs`],
      ['Readiness', `${apiUrl}/readyz`],
    );
  }
  if (s.MAIL_CATCHER_URL) rows.push(['Mail catcher', s.MAIL_CATCHER_URL]);
  rows.push(['Meilisearch', `${s.MEILI_URL}  (master key in .data/${profile}/meili-master-key)`]);
  rows.push([
    'Embedder',
    s.EMBEDDINGS_URL === 'off'
      ? 'off (keyword-only search)'
      : `${s.EMBEDDINGS_URL}  (${s.EMBEDDINGS_MODEL ?? ''})`,
  ]);
  rows.push(['MongoDB', s.MONGODB_URI ?? ''], ['Redis', s.REDIS_URL ?? ''], ['SMTP', s.SMTP_URL ?? '']);
  const footer = [
    `Running: ${group.running().join(', ') || 'services only'}. Service logs: .data/${profile}/logs/`,
    'Press Ctrl-C to stop everything.',
  ];
  console.log(`\n${box('Behovstorget dev', rows, footer)}\n`);
}

async function main(): Promise<void> {
  const unknown = [...args].filter((a) => !KNOWN.includes(a));
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 7) unknown.push('--replicas (1–7)');
  if (args.has('--help') || args.has('-h') || unknown.length) {
    if (unknown.length) console.error(c.red(`unknown option: ${unknown.join(' ')}\n`));
    console.log(HELP);
    process.exit(unknown.length ? 2 : 0);
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  say('starting services (the first run downloads MongoDB, ~42 MB, and the embedding model, ~91 MB)');
  const started = Date.now();
  try {
    stack = await startStack({
      root,
      profile,
      env: process.env,
      mongoReplicas: replicas,
      redisClusterMasters: redisCluster ? 3 : 0,
      log: (m) => console.log(`${c.dim('[stack]')} ${m}`),
    });
  } catch (err) {
    console.error(c.red(`[dev] ${(err as Error).message}`));
    process.exit(1);
  }
  // Signal handlers alone do not keep Node running, and an external SMTP_URL leaves nothing else.
  setInterval(() => undefined, 1 << 30);
  const s = stack.env;
  say(`services ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (args.has('--services-only')) {
    console.log(`\n# Services for another shell (Ctrl-C here stops them):`);
    for (const [key, value] of Object.entries(s)) console.log(`export ${key}=${shellQuote(value)}`);
    console.log();
    say('running; press Ctrl-C to stop');
    return;
  }

  const apiPort = process.env.PORT ? Number(process.env.PORT) : await freePort(3000);
  const clientPort = process.env.CLIENT_PORT ? Number(process.env.CLIENT_PORT) : await freePort(5173);
  const withClient = !args.has('--no-client');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...s,
    NODE_ENV: 'development',
    PUBLIC_BASE_URL: `http://localhost:${withClient ? clientPort : apiPort}`,
    SESSION_SECRET: process.env.SESSION_SECRET ?? sessionSecret(),
    PORT: String(apiPort),
    CLIENT_PORT: String(clientPort),
    ...(c.enabled ? { FORCE_COLOR: '1' } : {}),
  };

  await seedOnce(env);
  if (shuttingDown) return;
  startApps(env, apiPort, clientPort);
  await printWhenReady(s, apiPort, clientPort);
}

main().catch((err: Error) => {
  console.error(c.red(`[dev] ${err.stack ?? err.message}`));
  void shutdown(1);
});
