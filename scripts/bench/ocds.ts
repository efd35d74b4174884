/**
 * `npm run bench:ocds [-- --count 10000 --requests 400 --updates 2000]`
 *
 * 1. Seeds `count` realistic published needs (scripts/bench/needs-generator.ts, with demand rows
 *    of a real buyer organisation per network) in bulk, then records their first OCDS release
 *    (`recordMissing`, what the nightly job does for bulk-loaded data) and `updates` later
 *    `planningUpdate` releases (an edit of a need, recorded as the worker does after the outbox).
 * 2. Runs the API in this process on a free port and reads `GET /api/ocds/releases` pages of 100
 *    — random pages over the whole list, half of them with `since` — at 1 and 8 clients.
 * 3. Writes the dump (gzipped JSON Lines of every release) as the nightly job does and times it.
 *
 * Targets (issue 14): page p95 ≤ 150 ms at 10,000 published needs; dump < 60 s.
 * Services: its own ephemeral stack (profile `bench`), as the other benchmarks.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { needModel } from '../../server/modules/needs/need.model.js';
import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import type { NewNeed } from '../../server/modules/needs/needs.types.js';
import { createNetworksRepository } from '../../server/modules/networks/networks.repository.js';
import { writeDump } from '../../server/modules/ocds/ocds.dump.js';
import { ocdsServiceFor } from '../../server/modules/ocds/ocds.service.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import { organisationModel } from '../../server/modules/organisations/organisation.model.js';
import { closeDeps, createDeps, type Deps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { inTransaction } from '../../server/platform/outbox/outbox.js';
import { startStack } from '../stack/index.js';
import { arg, bar, load, log, percentile, request, type Latencies } from './kit.js';
import { generateNeeds, rngFrom } from './needs-generator.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NETWORKS = ['Fossilfria transporter', 'Välfärdsteknik', 'Cirkulära möbler', 'Offentliga kök'];

/** One verified buyer organisation and one approved network it coordinates, per name. */
async function seedNetworks(deps: Deps): Promise<{ networkId: string; orgId: string }[]> {
  const rng = rngFrom(7);
  const networks = createNetworksRepository(deps.mongo);
  const out: { networkId: string; orgId: string }[] = [];
  for (const [i, name] of NETWORKS.entries()) {
    const [org] = await organisationModel(deps.mongo).insertMany([
      {
        kind: 'buyer',
        buyerType: 'kommun',
        name: `Benchkommun ${i + 1}`,
        country: 'SE',
        orgNumber: generateSwedishOrgNumber(rng, { firstDigit: 2 }),
        status: 'verified',
        verifiedAt: new Date(),
      },
    ]);
    const orgId = String(org!._id);
    const networkId = await inTransaction(deps.mongo, async (tx) => {
      const n = await networks.create(
        {
          name: `Beställarnätverket ${name}`,
          slug: `bench-ocds-${i}`,
          subjectArea: name,
          description: 'Ett nätverk för benchmarken.',
          languages: ['sv'],
          contact: { name: 'Samordnare', email: 'samordnare@example.se' },
          coordinatorOrgId: orgId,
          createdBy: '650000000000000000000002',
        },
        tx,
      );
      await networks.moderate(
        n.id,
        ['pending'],
        { status: 'approved', by: '650000000000000000000002', at: new Date() },
        tx,
      );
      return n.id;
    });
    out.push({ networkId, orgId });
  }
  return out;
}

async function seedNeeds(deps: Deps, count: number, networks: { networkId: string; orgId: string }[]) {
  const repo = createNeedsRepository(deps.mongo);
  const coordinatorOf = new Map(networks.map((n) => [n.networkId, n.orgId]));
  const progress = bar('insert (bulk, MongoDB)', 'needs');
  progress.start(count, 0);
  let batch: NewNeed[] = [];
  let done = 0;
  for (const need of generateNeeds({ count, networkIds: networks.map((n) => n.networkId), seed: 42 })) {
    batch.push({
      ...need,
      demand: [
        {
          organisationId: coordinatorOf.get(need.networkId)!,
          quantity: { amount: 100 + (done % 400), unit: 'st' },
          value: { amount: 1_000_000 + (done % 50) * 100_000, currency: 'SEK' },
        },
      ],
    });
    if (batch.length === 2_000) {
      done += await repo.insertMany(batch);
      progress.update(done);
      batch = [];
    }
  }
  if (batch.length > 0) done += await repo.insertMany(batch);
  progress.update(done);
  progress.stop();
}

async function main() {
  const count = arg('count', 10_000);
  const requests = arg('requests', 400);
  const updates = arg('updates', 2_000);
  log(
    `OCDS benchmark: ${count.toLocaleString('en')} published needs, ${updates} updates, ${requests} page reads`,
  );
  const stack = await startStack({
    root,
    profile: 'bench',
    meiliMasterKey: randomBytes(24).toString('hex'),
    ephemeral: true,
    // No embedding model: OCDS reads no vectors, and it would only take CPU from the measurement.
    env: { ...process.env, EMBEDDINGS_URL: 'off' },
    log: (m) => log(`[stack] ${m}`),
  });
  const run = randomBytes(3).toString('hex');
  const dumpDir = mkdtempSync(path.join(os.tmpdir(), 'bt-bench-ocds-'));
  const config = loadConfig({
    ...process.env,
    ...stack.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    MONGODB_DB: `bt_bench_${run}`,
    MEILI_INDEX_PREFIX: `bench_${run}_`,
    QUEUE_PREFIX: `btbench_${run}`,
    SERVE_CLIENT: 'false',
    OPEN_DATA_DIR: dumpDir,
  });
  const deps = await createDeps(config, 'api', createLogger(config, 'bench'));
  const app = createApp(deps);
  await syncAllIndexes(deps);
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const service = ocdsServiceFor(deps);
    const t0 = performance.now();
    const networks = await seedNetworks(deps);
    await seedNeeds(deps, count, networks);
    const t1 = performance.now();
    const first = await service.recordMissing();
    const t2 = performance.now();
    // Later public changes: a need's title is edited, then its release is recorded.
    const ids = (await needModel(deps.mongo).find({}, { _id: 1 }).limit(updates).lean()).map((d) =>
      String(d._id),
    );
    const progress = bar('planningUpdate releases', 'releases');
    progress.start(ids.length, 0);
    let updated = 0;
    await load(ids.length, 8, async (i) => {
      const id = ids[i]!;
      await needModel(deps.mongo).updateOne(
        { _id: new mongoose.Types.ObjectId(id) },
        { $set: { title: `Reviderat behov ${i}` }, $inc: { version: 1 } },
      );
      if ((await service.recordNeed(id, new Date())) === 'created') updated += 1;
      progress.update(i + 1);
    });
    progress.stop();
    const t3 = performance.now();
    const releases = first + updated;
    log(
      `seeded ${count} needs in ${((t1 - t0) / 1000).toFixed(1)} s; ${first} planning releases in ` +
        `${((t2 - t1) / 1000).toFixed(1)} s; ${updated} planningUpdate releases in ${((t3 - t2) / 1000).toFixed(1)} s`,
    );

    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ocds/releases`;
    const pages = Math.ceil(releases / 100);
    const rng = rngFrom(11);
    const since = new Date(Date.parse('2025-06-01T00:00:00Z')).toISOString();
    const urls = Array.from({ length: 64 }, (_, i) =>
      i % 2 === 0
        ? `${base}?page=${1 + Math.floor(rng() * pages)}`
        : `${base}?since=${encodeURIComponent(since)}&page=${1 + Math.floor(rng() * Math.max(1, pages / 2))}`,
    );
    let empty = 0;
    const read = async (i: number) => {
      const res = await request(urls[i % urls.length]!);
      if (res.status !== 200) throw new Error(`API answered ${res.status}: ${res.text.slice(0, 300)}`);
      const body = JSON.parse(res.text) as { releases: unknown[] };
      if (body.releases.length === 0) empty += 1;
    };
    await load(50, 4, read); // warm-up
    const results: { clients: number; l: Latencies }[] = [];
    for (const clients of [1, 8]) {
      const run = await load(requests, clients, read);
      run.times.sort((a, b) => a - b);
      results.push({
        clients,
        l: {
          p50: percentile(run.times, 50),
          p95: percentile(run.times, 95),
          perSecond: run.times.length / run.seconds,
        },
      });
    }

    const dump = await writeDump(service, { dir: dumpDir, at: new Date(), keep: 2 });
    cleanups.push(async () => rmSync(dumpDir, { recursive: true, force: true }));

    log('');
    log(
      `GET /api/ocds/releases, pages of 100 over ${releases.toLocaleString('en')} releases (${pages} pages)`,
    );
    log('  clients |      p50 |      p95 |  req/s | target p95 ≤ 150 ms');
    for (const r of results) {
      log(
        `  ${String(r.clients).padStart(7)} | ${`${r.l.p50.toFixed(1)} ms`.padStart(8)} | ${`${r.l.p95.toFixed(1)} ms`.padStart(8)} | ${r.l.perSecond.toFixed(0).padStart(6)} | ${r.l.p95 <= 150 ? 'PASS' : 'FAIL'}`,
      );
    }
    if (empty > 0) log(`warning: ${empty} pages were empty`);
    log(
      `Dump: ${dump.releases.toLocaleString('en')} releases, ${(dump.bytes / 1e6).toFixed(1)} MB gzipped, ` +
        `${(dump.ms / 1000).toFixed(1)} s | target < 60 s | ${dump.ms < 60_000 ? 'PASS' : 'FAIL'}`,
    );
    log(
      `Machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    const ok = results.every((r) => r.l.p95 <= 150) && dump.ms < 60_000;
    process.exitCode = ok ? 0 : 2;
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    await deps.mongo.db?.dropDatabase().catch(() => undefined);
    await closeDeps(deps);
    await stack.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(`Benchmark failed: ${err instanceof Error ? err.stack : err}`);
    process.exit(1);
  },
);
