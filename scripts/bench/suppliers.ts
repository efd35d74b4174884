/**
 * `npm run bench:suppliers [-- --count 100000 --requests 400 --with-matching]`
 *
 * 1. Import: generates `count` realistic supplier rows in memory, runs the import pipeline (the
 *    one the CLI uses) with the outbox relay and the search-index workers running in this
 *    process, and times until Meilisearch holds every profile: profiles per second end to end
 *    (MongoDB + index). Matching's fan-out on `supplier.profileChanged` is left out unless
 *    `--with-matching` (it is not part of "MongoDB + index").
 * 2. Raw Meilisearch: the same documents, read back from MongoDB, sent straight to a scratch
 *    index with the same settings (10,000 a request, all enqueued at once): the floor.
 * 3. Search: a fixed query mix through the API (in this process, on a free port, anonymous) and
 *    the same searches straight against Meilisearch, at 1 and 32 concurrent clients: p50, p95
 *    and throughput.
 *
 * Services: its own ephemeral stack (profile `bench`) unless MONGODB_URI / MEILI_URL / REDIS_URL
 * name running ones (it then uses its own database, index prefix and queue prefix, and removes
 * them at the end). Targets: import ≥ 2,000 profiles/s; API search p95 ≤ 1.5 × Meilisearch's.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { closeDeps, createDeps, type Deps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { createOutboxRelay } from '../../server/platform/outbox/relay.js';
import { outboxModel } from '../../server/platform/outbox/outbox.model.js';
import { ensureSearchIndex } from '../../server/platform/search/search-index.js';
import { supplierEventRoutes } from '../../server/modules/suppliers/suppliers.events.js';
import { createSuppliersRepository } from '../../server/modules/suppliers/suppliers.repository.js';
import { searchQuerySchema } from '../../server/modules/suppliers/suppliers.schemas.js';
import {
  searchParams,
  suppliersIndex,
  suppliersIndexSettings,
  type SupplierSearchDoc,
} from '../../server/modules/suppliers/suppliers-search.js';
import { eventRoutes } from '../../workers/event-routes.js';
import { processors } from '../../workers/processors/index.js';
import { syncSearchIndexProcessor } from '../../workers/processors/sync-search-index.js';
import { startWorkers } from '../../workers/run-workers.js';
import { importWithProgress } from '../import-suppliers.js';
import { generateSuppliers } from '../seed/suppliers-generator.js';
import { startStack } from '../stack/index.js';
import { arg, bar, load, log, percentile, request, type Latencies } from './kit.js';
import type { RawRow } from '../../server/modules/suppliers/suppliers-import.parse.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForIndex(
  deps: Deps,
  uid: string,
  expected: number,
  label: string,
  onDone?: () => Promise<boolean>,
) {
  const progress = bar(label, 'docs', 22);
  progress.start(expected, 0);
  const index = deps.search.client.index(uid);
  for (;;) {
    const stats = await index.getStats().catch(() => ({ numberOfDocuments: 0, isIndexing: true }));
    progress.update(Math.min(stats.numberOfDocuments, expected));
    if (stats.numberOfDocuments >= expected && !stats.isIndexing && (!onDone || (await onDone()))) break;
    await sleep(100);
  }
  progress.stop();
}

/**
 * The load generator's HTTP client, for both targets alike: node:http with keep-alive and
 * TCP_NODELAY (fetch adds ~40 ms to Meilisearch's answers, see needs/meili-http-client.ts).
 */
/** Starts scripts/bench/api-server.ts in a worker thread (tsx's loader registered there too). */
async function startApiWorker(
  env: Record<string, string>,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const tsxApi = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const entry = new URL('./api-server.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(`file://${tsxApi}`)}; register(); await import(${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: env });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { port?: number }) => m.port && resolve(m.port));
  });
  return {
    port,
    async stop() {
      const stopped = new Promise((r) =>
        worker.on('message', (m: { stopped?: boolean }) => m.stopped && r(true)),
      );
      worker.postMessage('stop');
      await Promise.race([stopped, sleep(5_000)]);
      await worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Search load

/** The query mix: text (some with typos), CPV prefixes, regions, facets' filters and combinations. */
const QUERY_MIX: Record<string, string>[] = [
  { q: 'programvara' },
  { q: 'programvra' },
  { q: 'vård' },
  { q: 'hjälpmedel' },
  { q: 'laddinfrastruktur' },
  { q: 'matsvinn skola' },
  { q: 'konsult' },
  { q: 'byggarbeten' },
  { q: 'avfall återvinning' },
  { q: 'utbildning' },
  { cpv: '48' },
  { cpv: '72' },
  { cpv: '33' },
  { cpv: '45000000' },
  { cpv: '90500000' },
  { region: 'SE110' },
  { region: 'SE232' },
  { size: 'micro' },
  { certification: 'ISO 9001' },
  { language: 'en' },
  { q: 'system', cpv: '48', region: 'SE110' },
  { q: 'service', size: 'small', certification: 'ISO 14001' },
  { cpv: '72', region: 'SE224', language: 'en' },
  { q: 'digital', page: '2' },
];

/** The shared load loop with a progress bar of its own. */
async function loadWithProgress(
  requests: number,
  clients: number,
  send: (i: number) => Promise<void>,
  label: string,
): Promise<{ times: number[]; seconds: number }> {
  const progress = bar(label, 'requests', 22);
  progress.start(requests, 0);
  let done = 0;
  const run = await load(requests, clients, send, () => {
    done += 1;
    if (done % 20 === 0) progress.update(done);
  });
  progress.update(requests);
  progress.stop();
  return run;
}

function summarise(runs: { times: number[]; seconds: number }[]): Latencies {
  const sorted = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), perSecond: sorted.length / seconds };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const count = arg('count', 100_000);
  const requests = arg('requests', 400);
  const withMatching = process.argv.includes('--with-matching');
  const external = Boolean(process.env.MONGODB_URI || process.env.MEILI_URL || process.env.REDIS_URL);
  const loadAverage = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  log(`Supplier benchmark: ${count.toLocaleString('en')} profiles, ${requests} requests a run`);
  log(
    `Machine: ${os.cpus().length} CPUs, load average ${loadAverage()} (other work on the machine skews every figure)`,
  );

  const stack = await startStack({
    root,
    profile: 'bench',
    ephemeral: true,
    env: process.env,
    log: (m) => log(`[stack] ${m}`),
  });
  const run = randomBytes(3).toString('hex');
  const configEnv: Record<string, string> = Object.fromEntries(
    Object.entries({
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
      OUTBOX_POLL_MS: '50',
    }).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const config = loadConfig(configEnv);
  const deps = await createDeps(config, 'workers', createLogger(config, 'bench'));
  createApp(deps); // registers every model, so syncAllIndexes creates their indexes
  createSuppliersRepository(deps.mongo);
  await syncAllIndexes(deps);
  await ensureSearchIndex(deps, suppliersIndex);
  const cleanups: (() => Promise<unknown>)[] = [];

  try {
    // --- data
    const gen = bar('generating', 'rows', 22);
    gen.start(count, 0);
    const rows: RawRow[] = [];
    for (const r of generateSuppliers({ count, seed: 42 })) {
      rows.push(r);
      if (rows.length % 5_000 === 0) gen.update(rows.length);
    }
    gen.update(count);
    gen.stop();

    // --- (a) import end to end
    const workers = startWorkers(deps, withMatching ? processors : [syncSearchIndexProcessor]);
    await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
    const relay = createOutboxRelay(deps, withMatching ? eventRoutes : supplierEventRoutes);
    cleanups.push(
      () => workers.close(),
      () => relay.stop(),
    );
    relay.start();
    const liveUid = deps.search.indexName(suppliersIndex.name);
    const outbox = outboxModel(deps.mongo);
    const importStarted = performance.now();
    const summary = await importWithProgress(deps, rows, {
      total: count,
      label: 'import (MongoDB)'.padEnd(22),
    });
    const mongoSeconds = (performance.now() - importStarted) / 1000;
    await waitForIndex(deps, liveUid, summary.created, 'indexing (workers)', async () => {
      if ((await outbox.countDocuments({ status: 'pending' })) > 0) return false;
      const c = await deps.queues.get('search').getJobCounts('waiting', 'active', 'delayed');
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
    });
    const endToEndSeconds = (performance.now() - importStarted) / 1000;
    if (summary.rejected > 0) log(`warning: ${summary.rejected} generated rows were rejected`);

    // --- (b) raw Meilisearch indexing of the same documents
    const docs: SupplierSearchDoc[] = [];
    for await (const ids of suppliersIndex.allIds(deps, 5_000))
      docs.push(...(await suppliersIndex.buildDocuments(deps, ids)));
    const scratch = deps.search.indexName(`suppliers_raw_${run}`);
    await deps.search.client.createIndex(scratch, { primaryKey: 'id' }).waitTask();
    await deps.search.client.index(scratch).updateSettings(suppliersIndexSettings).waitTask();
    cleanups.push(() => deps.search.client.deleteIndex(scratch).waitTask());
    const rawStarted = performance.now();
    for (let i = 0; i < docs.length; i += 10_000) {
      await deps.search.client.index(scratch).addDocuments(docs.slice(i, i + 10_000), { primaryKey: 'id' });
    }
    await waitForIndex(deps, scratch, docs.length, 'indexing (raw Meili)');
    const rawSeconds = (performance.now() - rawStarted) / 1000;

    // --- (c) search: API vs Meilisearch direct
    const api = await startApiWorker(configEnv);
    cleanups.push(api.stop);
    const apiBase = `http://127.0.0.1:${api.port}/api/suppliers`;
    const queries = QUERY_MIX.map((raw) => ({ raw, parsed: searchQuerySchema.parse(raw) }));
    const apiUrls = queries.map(({ raw }) => `${apiBase}?${new URLSearchParams(raw).toString()}`);
    const meiliUrl = `${config.MEILI_URL}/indexes/${liveUid}/search`;
    const meiliBodies = queries.map(({ parsed }) =>
      JSON.stringify({ q: parsed.q, ...searchParams(parsed, true) }),
    );
    const headers = {
      Authorization: `Bearer ${config.MEILI_MASTER_KEY}`,
      'Content-Type': 'application/json',
    };
    const viaApi = async (i: number) => {
      const res = await request(apiUrls[i % apiUrls.length]!);
      if (res.status !== 200) throw new Error(`API answered ${res.status}`);
      if ((JSON.parse(res.text) as { degraded?: boolean }).degraded) throw new Error('API answered degraded');
    };
    const direct = async (i: number) => {
      const res = await request(meiliUrl, {
        method: 'POST',
        headers,
        body: meiliBodies[i % meiliBodies.length]!,
      });
      if (res.status !== 200) throw new Error(`Meilisearch answered ${res.status}`);
      JSON.parse(res.text);
    };
    await loadWithProgress(100, 4, direct, 'warm-up (Meili)');
    await loadWithProgress(100, 4, viaApi, 'warm-up (API)');
    // The two are measured in alternating rounds, so that load from elsewhere on the machine
    // falls on both alike.
    const results: { clients: number; meili: Latencies; api: Latencies }[] = [];
    for (const clients of [1, 32]) {
      const n = clients === 1 ? requests : requests * 8;
      const rounds = 4;
      const meiliRuns: { times: number[]; seconds: number }[] = [];
      const apiRuns: { times: number[]; seconds: number }[] = [];
      for (let round = 1; round <= rounds; round++) {
        meiliRuns.push(
          await loadWithProgress(
            n / rounds,
            clients,
            direct,
            `Meili, ${clients} client(s) ${round}/${rounds}`,
          ),
        );
        apiRuns.push(
          await loadWithProgress(n / rounds, clients, viaApi, `API, ${clients} client(s) ${round}/${rounds}`),
        );
      }
      results.push({ clients, meili: summarise(meiliRuns), api: summarise(apiRuns) });
    }

    // --- report
    const importRate = summary.created / endToEndSeconds;
    const rawRate = docs.length / rawSeconds;
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    log('');
    log(
      `Import of ${summary.created.toLocaleString('en')} profiles${withMatching ? ' (with matching)' : ''}`,
    );
    log(
      `  MongoDB phase (validate + write + outbox): ${mongoSeconds.toFixed(1)} s  ${Math.round(summary.created / mongoSeconds)} profiles/s`,
    );
    log(
      `  end to end (until Meilisearch has all):   ${endToEndSeconds.toFixed(1)} s  ${Math.round(importRate)} profiles/s   target ≥ 2000  ${pass(importRate >= 2_000)}`,
    );
    log(
      `  raw Meilisearch indexing, same docs:     ${rawSeconds.toFixed(1)} s  ${Math.round(rawRate)} docs/s   (end to end = ${(importRate / rawRate).toFixed(2)} × raw)`,
    );
    log('');
    log('Search (anonymous, fixed mix of 24 queries)');
    log(
      '  clients | Meili p50 | Meili p95 | Meili req/s | API p50  | API p95  | API req/s | p95 API/Meili | target ≤ 1.5',
    );
    for (const r of results) {
      const ratio = r.api.p95 / r.meili.p95;
      log(
        `  ${String(r.clients).padStart(7)} | ${ms(r.meili.p50).padStart(9)} | ${ms(r.meili.p95).padStart(9)} | ${r.meili.perSecond.toFixed(0).padStart(11)} | ${ms(r.api.p50).padStart(8)} | ${ms(r.api.p95).padStart(8)} | ${r.api.perSecond.toFixed(0).padStart(9)} | ${ratio.toFixed(2).padStart(13)} | ${pass(ratio <= 1.5)}`,
      );
    }
    log(`Load average at the end: ${loadAverage()}`);
    const ok = importRate >= 2_000 && results.every((r) => r.api.p95 / r.meili.p95 <= 1.5);
    log('');
    log(ok ? 'All targets met.' : 'Some targets were missed (see FAIL above).');
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    if (external) {
      await deps.mongo.db?.dropDatabase().catch(() => undefined);
      const { results } = await deps.search.client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] }));
      for (const i of results.filter((x) => x.uid.startsWith(config.MEILI_INDEX_PREFIX))) {
        await deps.search.client
          .deleteIndex(i.uid)
          .waitTask()
          .catch(() => undefined);
      }
      await Promise.all(deps.queues.all().map((q) => q.obliterate({ force: true }).catch(() => undefined)));
    }
    await closeDeps(deps);
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`Benchmark failed: ${err instanceof Error ? err.stack : err}`);
    process.exit(1);
  },
);
