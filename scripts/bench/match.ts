/**
 * `npm run bench:match [-- --suppliers 100000 --subscriptions 100000 --recipients 5000]`
 *
 * Loads `suppliers` supplier profiles (MongoDB + the suppliers index, through the index's own
 * rebuild) and `subscriptions` subscriptions with their users (bulk inserts), of which about
 * `recipients` are satisfied by one need (4/5 saved searches, 1/5 profile subscriptions of
 * matched suppliers), then measures:
 *  1. the match step alone: candidate retrieval from Meilisearch + scoring + storing the matches
 *     (median of 3 runs on a copy of the need);
 *  2. approval → the SMTP sink has accepted every instant email: the approval transaction (need
 *     published + outbox event), the relay, match-need (match + subscription lookup + fan-out in
 *     chunks of 500), and one send-email job per recipient, with the workers in this process and
 *     a pooled nodemailer transport (SMTP_URL `?pool=true&maxConnections=10`);
 *  3. the baseline: the same number of emails sent straight to the same sink through a nodemailer
 *     pool with the same settings, no app.
 * The sink is an in-process smtp-server that accepts and counts (per recipient, so duplicates
 * show). Services: its own ephemeral stack (profile `bench`).
 * Targets: match step < 2 s; every email accepted within 60 s.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { findCandidates, type MatchableNeed } from '../../server/modules/matching/candidates.js';
import { createMatchesRepository } from '../../server/modules/matching/matching.repository.js';
import { withEvidence } from '../../server/modules/matching/evidence-pass.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';
import { needModel } from '../../server/modules/needs/need.model.js';
import { withAncestors } from '../../server/modules/reference/cpv.js';
import { regionsWithAncestors } from '../../server/modules/reference/nuts.js';
import { lookupKeys, queryWords } from '../../server/modules/subscriptions/subscription-keys.js';
import { subscriptionModel } from '../../server/modules/subscriptions/subscription.model.js';
import { supplierProfileModel } from '../../server/modules/suppliers/supplier-profile.model.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import { userModel } from '../../server/modules/accounts/user.model.js';
import { closeDeps, createDeps, type Deps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import { ensureAllSearchIndexes } from '../../server/search-indexes.js';
import { startStack } from '../stack/index.js';
import { arg, log, median } from './kit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const oid = () => new mongoose.Types.ObjectId();
/** SMTP connections of the pooled transport (app and baseline alike) and jobs in flight per queue. */
const POOL = Number(process.env.BENCH_SMTP_POOL ?? 32);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

// ---------------------------------------------------------------------------------------------
// The sink: accepts everything, counts per recipient.

interface Sink {
  url: string;
  total(): number;
  perRecipient: Map<string, number>;
  reset(): void;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const perRecipient = new Map<string, number>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo)
          perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
        total += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    total: () => total,
    perRecipient,
    reset() {
      total = 0;
      perRecipient.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// Data

const NEED = {
  title: 'Digital vårdplanering i hemtjänsten',
  summary: 'Kommunerna söker ett mobilt system för vårdplanering, schemaläggning och journalintegration.',
  cpvCodes: ['48200000'],
  regions: ['SE110'],
};
const MATCHING_CODES = ['48200000', '48210000', '48000000', '48300000', '48220000'];
const MATCHING_REGIONS = ['SE110', 'SE', 'SE1', 'SE11'];
const OTHER_CODES = [
  '45000000',
  '33000000',
  '30200000',
  '50000000',
  '79000000',
  '90000000',
  '34000000',
  '44000000',
  '39000000',
  '71000000',
];
const OTHER_REGIONS = [
  'SE121',
  'SE122',
  'SE123',
  'SE211',
  'SE224',
  'SE232',
  'SE311',
  'SE321',
  'SE332',
  'NO081',
];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

async function loadSuppliers(deps: Deps, count: number, matching: number): Promise<string[]> {
  const model = supplierProfileModel(deps.mongo);
  const matchingIds: string[] = [];
  for (let start = 0; start < count; start += 5_000) {
    const docs = [];
    for (let i = start; i < Math.min(count, start + 5_000); i++) {
      const isMatch = i < matching;
      const cpvCodes = isMatch ? [pick(MATCHING_CODES, i)] : [pick(OTHER_CODES, i), pick(OTHER_CODES, i + 3)];
      const regions = isMatch ? [pick(MATCHING_REGIONS, i)] : [pick(OTHER_REGIONS, i)];
      const content = {
        name: `Leverantör ${i} AB`,
        pitch:
          isMatch && i % 3 === 0
            ? 'Digital vårdplanering och schemaläggning för hemtjänsten'
            : `Tjänster nummer ${i}`,
        description:
          i % 2 === 0
            ? 'Vi levererar beprövade lösningar till offentlig sektor sedan många år tillbaka, med lokal support.'
            : '',
        offerings: i % 4 === 0 ? [{ type: 'service', name: 'Införande' }] : [],
        cpvCodes: [...new Set(cpvCodes)],
        cpvAll: withAncestors(cpvCodes),
        regions,
        regionsAll: regionsWithAncestors(regions),
        references: [],
        certifications: [],
        keywords: [],
      };
      const _id = oid();
      if (isMatch) matchingIds.push(String(_id));
      docs.push({
        _id,
        country: 'SE',
        orgNumber: String(5_560_000_000 + i),
        status: 'approved',
        listed: true,
        current: content,
        approved: content,
        companySize: pick(['micro', 'small', 'medium', 'large'], i),
        languages: ['sv'],
        publicProfile: true,
        contacts: [],
        version: 1,
        source: 'import',
        approvedAt: new Date(),
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }
    await model.collection.insertMany(docs, { ordered: false });
    process.stdout.write(`\r  supplier profiles in MongoDB: ${Math.min(count, start + 5_000)}/${count}`);
  }
  process.stdout.write('\n');
  return matchingIds;
}

async function loadSubscriptions(deps: Deps, count: number, recipients: number, matchingSuppliers: string[]) {
  const users = userModel(deps.mongo).collection;
  const subs = subscriptionModel(deps.mongo).collection;
  const profileSubs = Math.floor(recipients / 5);
  const searchSubs = recipients - profileSubs;
  const now = new Date();
  for (let start = 0; start < count; start += 5_000) {
    const userDocs = [];
    const subDocs = [];
    for (let i = start; i < Math.min(count, start + 5_000); i++) {
      const userId = oid();
      userDocs.push({
        _id: userId,
        email: `bench-${i}@bench.behovstorget.se`,
        isAdmin: false,
        language: i % 5 === 0 ? 'en' : 'sv',
        emailVerifiedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      let kind: 'search' | 'profile' = 'search';
      let filters = {
        q: '',
        cpvCodes: [] as string[],
        regions: [] as string[],
        networkIds: [] as string[],
        stages: [] as string[],
      };
      let organisationId: mongoose.Types.ObjectId | undefined;
      if (i < searchSubs) {
        // Satisfied by the need: a parent or the same code, the county or the whole country, some words.
        filters = {
          ...filters,
          cpvCodes: [pick(['48000000', '48200000'], i)],
          regions: i % 3 === 0 ? [pick(['SE110', 'SE1', 'SE'], i)] : [],
          q: i % 7 === 0 ? 'vårdplanering' : '',
        };
      } else if (i < recipients) {
        kind = 'profile';
        organisationId = new mongoose.Types.ObjectId(matchingSuppliers[i - searchSubs]!);
      } else if (i % 10 === 0) {
        // Near misses: the right code in the wrong county, or the right county and other words.
        filters =
          i % 20 === 0
            ? { ...filters, cpvCodes: ['48200000'], regions: [pick(OTHER_REGIONS, i)] }
            : { ...filters, cpvCodes: ['48000000'], q: 'skolskjuts' };
      } else {
        filters = {
          ...filters,
          cpvCodes: [pick(OTHER_CODES, i)],
          regions: i % 2 ? [pick(OTHER_REGIONS, i)] : [],
        };
      }
      subDocs.push({
        _id: oid(),
        userId,
        ...(organisationId ? { organisationId } : {}),
        kind,
        name: kind === 'profile' ? `Matchningar ${i}` : `Bevakning ${i}`,
        delivery: 'instant',
        active: true,
        filters,
        ...(kind === 'profile' ? { minScore: 0 } : {}),
        qWords: queryWords(filters.q),
        keys: lookupKeys(kind, filters),
        nonce: randomBytes(9).toString('base64url'),
        createdAt: now,
        updatedAt: now,
      });
    }
    await users.insertMany(userDocs, { ordered: false });
    await subs.insertMany(subDocs, { ordered: false });
    process.stdout.write(`\r  users + subscriptions: ${Math.min(count, start + 5_000)}/${count}`);
  }
  process.stdout.write('\n');
}

async function insertNeed(deps: Deps, status: 'published' | 'submitted') {
  const doc = await needModel(deps.mongo).create({
    networkId: oid(),
    status,
    title: NEED.title,
    summary: NEED.summary,
    description: 'Lösningen ska fungera i mobilen.',
    cpvCodes: NEED.cpvCodes,
    cpvAll: withAncestors(NEED.cpvCodes),
    regions: NEED.regions,
    regionsAll: regionsWithAncestors(NEED.regions),
    stage: 'market_dialogue',
    language: 'sv',
    ...(status === 'published' ? { publishedAt: new Date() } : {}),
  });
  return doc;
}

// ---------------------------------------------------------------------------------------------

/** Waits for `current()` to reach `target`, printing a progress line (and `detail()`) once a second. */
async function waitFor(
  label: string,
  target: number,
  current: () => number,
  timeoutMs: number,
  detail: () => Promise<string> = async () => '',
): Promise<void> {
  const started = Date.now();
  let printed = 0;
  while (current() < target) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`${label}: ${current()}/${target} after ${timeoutMs} ms`);
    if (Date.now() - printed >= 1_000) {
      printed = Date.now();
      log(
        `  ${((printed - started) / 1000).toFixed(0).padStart(3)} s  ${label}: ${current()}/${target} ${await detail()}`,
      );
    }
    await sleep(20);
  }
  log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(3)} s  ${label}: ${target}/${target}`);
}

async function main() {
  if (process.argv.includes('--help')) {
    log('Usage: npm run bench:match [-- --suppliers 100000 --subscriptions 100000 --recipients 5000]');
    return;
  }
  const supplierCount = arg('suppliers', 100_000);
  const subscriptionCount = arg('subscriptions', 100_000);
  const recipients = arg('recipients', 5_000);
  const matchingSuppliers = Math.max(recipients, Math.floor(supplierCount / 20));

  log('Starting services (ephemeral, profile "bench") …');
  const stack = await startStack({
    root,
    profile: 'bench',
    ephemeral: true,
    env: {},
    log: (m) => log(`  [stack] ${m}`),
  });
  const sink = await startSink();
  const id = randomBytes(4).toString('hex');
  const configEnv: Record<string, string> = {
    ...stack.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: 'https://bench.behovstorget.se',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    MONGODB_DB: `bench_match_${id}`,
    MEILI_INDEX_PREFIX: `bm${id}_`,
    QUEUE_PREFIX: `bench_${id}`,
    SMTP_URL: `${sink.url}/?pool=true&maxConnections=${POOL}`,
    OUTBOX_POLL_MS: '20',
    WORKER_CONCURRENCY: String(CONCURRENCY),
  };
  const config = loadConfig({ ...process.env, ...configEnv });
  const deps = await createDeps(config, 'workers', createLogger(config, 'bench-match'));
  try {
    createApp(deps);
    await syncAllIndexes(deps);
    await ensureAllSearchIndexes(deps);

    log(`Loading ${supplierCount} suppliers (${matchingSuppliers} near the need's codes and regions) …`);
    let t = performance.now();
    const matchingIds = await loadSuppliers(deps, supplierCount, matchingSuppliers);
    process.stdout.write('  suppliers index (rebuild from MongoDB) …');
    await rebuildSearchIndex(
      deps,
      suppliersIndex,
      (n) => process.stdout.write(`\r  suppliers index: ${n}/${supplierCount}`),
      5_000,
    );
    process.stdout.write(' (indexed)\n');
    log(`Loading ${subscriptionCount} users + subscriptions (${recipients} satisfied by the need) …`);
    await loadSubscriptions(deps, subscriptionCount, recipients, matchingIds);
    log(`  data loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // 1. The match step alone, on a published copy of the need (nobody is notified).
    log('Match step alone (3 runs) …');
    const copy = await insertNeed(deps, 'published');
    const need: MatchableNeed = {
      id: String(copy._id),
      networkId: String(copy.networkId),
      title: NEED.title,
      summary: NEED.summary,
      description: copy.description ?? '',
      requirements: copy.requirements ?? [],
      cpvCodes: copy.cpvCodes,
      cpvAll: copy.cpvAll,
      regions: copy.regions,
      regionsAll: copy.regionsAll,
      stage: copy.stage,
      version: copy.version,
    };
    const matches = createMatchesRepository(deps.mongo);
    const runs: { ms: number; candidates: number; retrieveMs: number }[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const { candidates } = await findCandidates(deps, need);
      const retrieveMs = performance.now() - t;
      const rows = await withEvidence(deps, need, candidates, DEFAULT_MATCH_THRESHOLD);
      await matches.replaceForNeed({ id: need.id, networkId: need.networkId, open: true }, rows);
      runs.push({ ms: performance.now() - t, candidates: candidates.length, retrieveMs });
      log(
        `  run ${i + 1}: ${runs[i]!.ms.toFixed(0)} ms (${candidates.length} candidates; retrieval ${retrieveMs.toFixed(0)} ms)`,
      );
    }
    const matchMs = median(runs.map((r) => r.ms));

    // 2. Approval → every instant email accepted by the sink.
    log('Approval → all instant emails accepted …');
    // The workers process as in production (relay, reconciler, one BullMQ worker per queue), so
    // it has a core to itself while this process runs the sink.
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      cwd: root,
      env: { ...process.env, ...configEnv, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const childExit = new Promise((resolve) => child.on('exit', resolve));
    const ready = async () =>
      (await deps.queues.get('email').getWorkersCount()) > 0 &&
      (await deps.queues.get('matching').getWorkersCount()) > 0;
    for (const deadline = Date.now() + 60_000; !(await ready()); await sleep(100)) {
      if (Date.now() > deadline) throw new Error('the workers process did not start');
    }
    log('  workers process ready');
    const submitted = await insertNeed(deps, 'submitted');
    const needId = String(submitted._id);
    sink.reset();
    const approvedAt = performance.now();
    await inTransaction(deps.mongo, async (session) => {
      await needModel(deps.mongo).updateOne(
        { _id: submitted._id, status: 'submitted' },
        { $set: { status: 'published', publishedAt: new Date() }, $inc: { version: 1 } },
        { session },
      );
      await createOutbox(deps.mongo).record(session, [
        { type: 'need.changed', payload: { needId }, key: `need.changed.${needId}.2` },
        { type: 'need.published', payload: { needId }, key: `need.published.${needId}` },
      ]);
    });
    const deliveries = deps.mongo.collection('deliveries');
    const outbox = deps.mongo.collection('outbox');
    await waitFor(
      'emails accepted by the sink',
      recipients,
      () => sink.total(),
      180_000,
      async () => {
        const [pending, sent, events] = await Promise.all([
          deliveries.countDocuments({ status: 'pending' }),
          deliveries.countDocuments({ status: 'sent' }),
          outbox.countDocuments({ status: 'pending' }),
        ]);
        return `| deliveries pending ${pending}, sent ${sent} | outbox pending ${events}`;
      },
    );
    const endToEndMs = performance.now() - approvedAt;
    const job = (await deps.queues.get('matching').getJobs(['completed'])).find(
      (j) =>
        j.name === 'match-need' &&
        (j.data as { needId: string }).needId === needId &&
        j.returnvalue?.notified?.instant,
    );
    const result = job?.returnvalue as
      { matchMs?: number; lookupMs?: number; notifyMs?: number; candidates?: number } | undefined;
    await sleep(1_000);
    const duplicates = [...sink.perRecipient.values()].filter((n) => n > 1).length;
    const appTotal = sink.total();
    child.kill('SIGTERM');
    await childExit;

    // 3. Baseline: the same sink, a nodemailer pool with the same settings, no app.
    log('Baseline: raw SMTP through a nodemailer pool …');
    sink.reset();
    const transport = nodemailer.createTransport(`${sink.url}/?pool=true&maxConnections=${POOL}`, {
      from: config.MAIL_FROM,
    });
    const html = `<!doctype html><html lang="sv"><body><h1>${NEED.title}</h1><p>${NEED.summary}</p></body></html>`;
    t = performance.now();
    await Promise.all(
      Array.from({ length: recipients }, (_, i) =>
        transport.sendMail({
          to: `baseline-${i}@bench.behovstorget.se`,
          subject: `Nytt behov som matchar dig: ${NEED.title}`,
          text: NEED.summary.repeat(8),
          html: html.repeat(4),
          headers: { 'List-Unsubscribe': '<https://bench.behovstorget.se/api/unsubscribe?token=x>' },
        }),
      ),
    );
    const baselineMs = performance.now() - t;
    transport.close();

    const rows: [string, string, string, string][] = [
      [
        'match step (retrieve + score + store)',
        `${matchMs.toFixed(0)} ms (${runs[0]!.candidates} candidates)`,
        '< 2,000 ms',
        matchMs < 2_000 ? 'PASS' : 'FAIL',
      ],
      [
        'match step inside match-need',
        `${result?.matchMs ?? '?'} ms; lookup ${result?.lookupMs ?? '?'} ms; + fan-out ${result?.notifyMs ?? '?'} ms`,
        '',
        '',
      ],
      [
        `approval → ${recipients} emails accepted`,
        `${(endToEndMs / 1000).toFixed(1)} s (${(recipients / (endToEndMs / 1000)).toFixed(0)}/s)`,
        '< 60 s',
        endToEndMs < 60_000 ? 'PASS' : 'FAIL',
      ],
      [
        'emails received / duplicates',
        `${appTotal} / ${duplicates}`,
        `${recipients} / 0`,
        appTotal === recipients && duplicates === 0 ? 'PASS' : 'FAIL',
      ],
      [
        `baseline: raw SMTP, ${recipients} emails`,
        `${(baselineMs / 1000).toFixed(1)} s (${(recipients / (baselineMs / 1000)).toFixed(0)}/s)`,
        '',
        '',
      ],
    ];
    log('');
    log(
      `bench:match — ${supplierCount} suppliers, ${subscriptionCount} subscriptions, ${recipients} recipients`,
    );
    const w = [40, 44, 12, 6];
    log(['what', 'measured', 'target', ''].map((c, i) => c.padEnd(w[i]!)).join(' | '));
    log(w.map((n) => '-'.repeat(n)).join('-|-'));
    for (const r of rows) log(r.map((c, i) => c.padEnd(w[i]!)).join(' | '));
    if (rows.some((r) => r[3] === 'FAIL')) process.exitCode = 1;
  } finally {
    await deps.mongo.db?.dropDatabase().catch(() => undefined);
    await closeDeps(deps);
    await sink.close();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
