/**
 * npm run test:fuzz — schemathesis against /api/openapi.json of a real running API (its own
 * ephemeral stack: MongoDB, Meilisearch, Redis, SMTP catcher), once anonymous and once logged
 * in as a supplier (Bearer token). The API counts what it answers, so the figures do not depend
 * on schemathesis' output: requests received, and every 5xx with method and path. The bar is
 * 0 × 5xx (exit code 1 otherwise).
 *
 *   npm run test:fuzz [-- --max-time 120 --max-examples 40 --seed 1]
 *
 * Bounded in time: each of the two runs stops after --max-time seconds (default 120).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createAccountsService } from '../server/modules/accounts/accounts.service.js';
import { hashPassword } from '../server/modules/accounts/passwords.js';
import { createUsersRepository } from '../server/modules/accounts/users.repository.js';
import { createOrganisationsModule } from '../server/modules/organisations/organisations.module.js';
import { generateSwedishOrgNumber } from '../server/modules/organisations/org-number.js';
import { createAppPolicy } from '../server/policy.js';
import { closeDeps, createDeps, type Deps } from '../server/platform/deps.js';
import { syncAllIndexes } from '../server/platform/indexes.js';
import { createLogger } from '../server/platform/logger.js';
import { ensureAllSearchIndexes } from '../server/search-indexes.js';
import { ensureVenv } from './fuzz/python-venv.js';
import { startStack } from './stack/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m: string) => process.stdout.write(`${m}\n`);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  serverErrors: string[];
}

const newTally = (): Tally => ({ requests: 0, byStatus: new Map(), serverErrors: [] });

/** A verified supplier with a verified organisation, and a Bearer token of theirs. */
async function supplierToken(deps: Deps): Promise<string> {
  const users = createUsersRepository(deps.mongo);
  const user = await users.create({
    email: `fuzz-supplier-${randomBytes(4).toString('hex')}@fuzz.behovstorget.se`,
    passwordHash: await hashPassword(randomBytes(16).toString('hex')),
    language: 'sv',
    name: 'Fuzz Leverantör',
    isAdmin: false,
    emailVerifiedAt: new Date(),
  });
  const policy = createAppPolicy(deps);
  const organisations = createOrganisationsModule(deps, policy);
  const principal = {
    userId: user.id,
    sessionId: 'fuzz',
    email: user.email,
    emailVerified: true,
    isAdmin: false,
    language: 'sv' as const,
    via: 'bearer' as const,
  };
  const { organisation } = await organisations.service.create(
    { principal, memberships: [] },
    {
      kind: 'supplier',
      name: 'Fuzz Leverantör AB',
      country: 'SE',
      orgNumber: generateSwedishOrgNumber(Math.random),
    },
  );
  await organisations.service.verify(
    { principal: { ...principal, userId: '000000000000000000000001', isAdmin: true }, memberships: [] },
    organisation.id,
  );
  const session = await createAccountsService(deps).openSession(user.id, 'bearer', {
    ip: '127.0.0.1',
    userAgent: 'fuzz',
  });
  return session.token;
}

function schemathesis(
  bin: string,
  schemaUrl: string,
  options: { maxTime: number; maxExamples: number; seed: number; headers: string[]; exclude?: string },
): Promise<number> {
  const args = [
    '--no-color',
    'run',
    schemaUrl,
    '--checks',
    'not_a_server_error',
    '--phases',
    'examples,coverage,fuzzing',
    '--max-time',
    String(options.maxTime),
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    '--workers',
    '2',
    '--request-timeout',
    '20',
    '--suppress-health-check',
    'all',
    '--generation-database',
    'none',
    ...options.headers.flatMap((h) => ['-H', h]),
    ...(options.exclude ? ['--exclude-path-regex', options.exclude] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, 'schemathesis'), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // It keeps state in `.schemathesis/` of its working directory: not in the checkout.
      cwd: os.tmpdir(),
    });
    // Only schemathesis' summary is worth printing; its per-operation progress is noise here.
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      const summary = tail.split('\n').slice(-25).join('\n');
      log(summary.replace(/^/gm, '    '));
      resolve(code ?? 1);
    });
  });
}

async function main() {
  const maxTime = flag('max-time', 120);
  const maxExamples = flag('max-examples', 40);
  const seed = flag('seed', 20261203);
  const bin = ensureVenv({
    dir: path.join(root, '.cache', 'schemathesis-4.32.5'),
    requirements: path.join(root, 'scripts', 'fuzz', 'requirements.txt'),
    check: { bin: 'schemathesis', args: ['--version'], expect: '4.32.5' },
    log: (m) => log(`[venv] ${m}`),
  });

  const stack = await startStack({
    root,
    profile: 'fuzz',
    meiliMasterKey: randomBytes(24).toString('hex'),
    ephemeral: true,
    env: process.env,
    log: (m) => log(`[stack] ${m}`),
  });
  const run = randomBytes(3).toString('hex');
  const config = loadConfig({
    ...process.env,
    ...stack.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    MONGODB_DB: `bt_fuzz_${run}`,
    MEILI_INDEX_PREFIX: `fuzz_${run}_`,
    QUEUE_PREFIX: `btfuzz_${run}`,
    SERVE_CLIENT: 'false',
  });
  const deps = await createDeps(config, 'api', createLogger(config, 'fuzz'));
  const app = createApp(deps);
  await syncAllIndexes(deps);
  await ensureAllSearchIndexes(deps);
  let tally = newTally();
  const server = http.createServer((req, res) => {
    const current = tally;
    current.requests += 1;
    const line = `${req.method} ${req.url}`;
    res.on('finish', () => {
      current.byStatus.set(res.statusCode, (current.byStatus.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) current.serverErrors.push(`${res.statusCode} ${line}`.slice(0, 300));
    });
    app(req, res);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const schemaUrl = `${base}/api/openapi.json`;

  const results: { name: string; tally: Tally; exit: number }[] = [];
  try {
    const token = await supplierToken(deps);
    // Logged in, the routes that end the session would log the fuzzer out for the rest of the run;
    // the anonymous run covers them.
    const sessionEnding = '^/api/auth/logout$|^/api/me/sessions';
    for (const [name, headers, exclude] of [
      ['anonymous', [], undefined],
      ['supplier (Bearer)', [`Authorization: Bearer ${token}`], sessionEnding],
    ] as const) {
      tally = newTally();
      log(`\nschemathesis as ${name}: at most ${maxTime} s, ${maxExamples} examples an operation`);
      const exit = await schemathesis(bin, schemaUrl, {
        maxTime,
        maxExamples,
        seed,
        headers: [...headers],
        exclude,
      });
      results.push({ name, tally, exit });
    }
  } finally {
    await new Promise((r) => server.close(r));
    await deps.mongo.db?.dropDatabase().catch(() => undefined);
    const { results: indexes } = await deps.search.client
      .getIndexes({ limit: 1000 })
      .catch(() => ({ results: [] }));
    for (const i of indexes.filter((x) => x.uid.startsWith(config.MEILI_INDEX_PREFIX))) {
      await deps.search.client
        .deleteIndex(i.uid)
        .waitTask()
        .catch(() => undefined);
    }
    await closeDeps(deps);
    await stack.stop();
  }

  log('\nfuzzing summary (counted by the API)');
  let total5xx = 0;
  for (const { name, tally: t } of results) {
    const statuses = [...t.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    log(`  ${name}: ${t.requests} requests, ${t.serverErrors.length} × 5xx (${statuses.join(', ')})`);
    for (const e of t.serverErrors.slice(0, 20)) log(`    ${e}`);
    total5xx += t.serverErrors.length;
  }
  const requests = results.reduce((n, r) => n + r.tally.requests, 0);
  log(`  total: ${requests} requests, ${total5xx} × 5xx — ${total5xx === 0 ? 'PASS' : 'FAIL'} (bar: 0)`);
  if (total5xx > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
