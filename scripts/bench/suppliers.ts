/**
 * `npm run bench:suppliers [-- --count 100000 --runs 3 --requests 400 --batch-size 5000 --concurrency 3
 *   --meili-threads <cores> --with-matching]`
 *
 * 1. Import: writes `count` realistic supplier rows to an NDJSON file and imports it through the
 *    CLI's reader and pipeline, with the outbox relay and the search-index workers in a worker
 *    thread (their own event loop, as the workers process has in production). Times from the
 *    first line read until Meilisearch holds every profile: profiles per second end to end (file
 *    + MongoDB + index). Also prints how Meilisearch batched the work and the CPU seconds each
 *    process used, since on a small machine the three compete for the same cores. Matching's
 *    fan-out on `supplier.profileChanged` is left out unless `--with-matching` (it is not part of
 *    "MongoDB + index"). The import is measured `runs` times, each into an empty database and
 *    index of its own, and the target is judged on the median; every run is printed. The first
 *    run meets services that have just started and are still growing their memory (Meilisearch
 *    spent a quarter to a third more CPU on the same documents in that run, 2026-11-21); the
 *    later ones meet services that have done the work before, as a long-running deployment's
 *    have. On a shared machine two runs of the same work can also differ by 15 % on their own.
 *    The workers stop after each run: the raw baseline and the search load run without them.
 * 2. Raw Meilisearch: the same documents, read back from MongoDB, sent straight to a scratch
 *    index with the same settings (10,000 a request, all enqueued at once): the floor.
 * 3. Search: a fixed query mix through the API (in a worker thread, on a free port, anonymous) and
 *    the same searches straight against Meilisearch, at 1 and 32 concurrent clients: p50, p95
 *    and throughput.
 *
 * Services: its own ephemeral stack (profile `bench`) unless MONGODB_URI / MEILI_URL / REDIS_URL
 * name running ones (it then uses its own database, index prefix and queue prefix, and removes
 * them at the end). Targets: import ≥ 2,000 profiles/s; API search p95 ≤ 1.5 × Meilisearch's.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
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
import { outboxModel } from '../../server/platform/outbox/outbox.model.js';
import { ensureSearchIndex } from '../../server/platform/search/search-index.js';
import { createSuppliersRepository } from '../../server/modules/suppliers/suppliers.repository.js';
import { searchQuerySchema } from '../../server/modules/suppliers/suppliers.schemas.js';
import {
  searchParams,
  suppliersIndex,
  suppliersIndexSettings,
  type SupplierSearchDoc,
} from '../../server/modules/suppliers/suppliers-search.js';
import { importWithProgress } from '../import-suppliers.js';
import { generateSuppliers } from '../seed/suppliers-generator.js';
import { startStack } from '../stack/index.js';
import {
  arg,
  bar,
  cpuLine,
  cpuSeconds,
  load,
  log,
  median,
  percentile,
  request,
  type Latencies,
} from './kit.js';
import { readImportFile } from '../../server/modules/suppliers/suppliers-import.parse.js';

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
 * How Meilisearch batched the document tasks of an index: its indexing cost grows with the
 * number of batches (each merges into every database of the index), so this explains most of
 * the gap between the import and raw indexing.
 */
async function meiliBatches(
  config: { MEILI_URL: string; MEILI_MASTER_KEY: string },
  uid: string,
): Promise<{ batches: number; docs: number; busySeconds: number }> {
  let from: number | undefined;
  let batches = 0;
  let docs = 0;
  let busy = 0;
  for (;;) {
    const url = `${config.MEILI_URL}/batches?indexUids=${uid}&limit=1000${from === undefined ? '' : `&from=${from}`}`;
    const res = await request(url, { headers: { Authorization: `Bearer ${config.MEILI_MASTER_KEY}` } });
    const page = JSON.parse(res.text) as {
      results: { details?: { receivedDocuments?: number }; duration?: string | null }[];
      next: number | null;
    };
    for (const b of page.results) {
      const received = b.details?.receivedDocuments ?? 0;
      if (received === 0) continue;
      batches += 1;
      docs += received;
      busy += isoSeconds(b.duration);
    }
    if (page.next === null) break;
    from = page.next;
  }
  return { batches, docs, busySeconds: busy };
}

/** Seconds of an ISO 8601 duration as Meilisearch writes them (`PT1.234S`, `PT2M3.4S`). */
function isoSeconds(duration: string | null | undefined): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration ?? '');
  if (!m) return 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * Starts a module of this folder in a worker thread (tsx's loader registered there too): its own
 * event loop, as a separate process would have in production. Resolves with the thread's first
 * message; `stop` asks it to close and waits for `{ stopped: true }`.
 */
async function startThread<Ready>(
  module: string,
  data: unknown,
): Promise<{ ready: Ready; stop: () => Promise<void> }> {
  const tsxApi = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const entry = new URL(module, import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(`file://${tsxApi}`)}; register(); await import(${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: data,
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
  });
  let stopping: Promise<void> | null = null;
  return {
    ready,
    stop() {
      stopping ??= (async () => {
        const stopped = new Promise((r) =>
          worker.on('message', (m: { stopped?: boolean }) => m.stopped && r(true)),
        );
        worker.postMessage('stop');
        await Promise.race([stopped, sleep(10_000)]);
        await worker.terminate();
      })();
      return stopping;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Import

type BatchStats = Awaited<ReturnType<typeof meiliBatches>>;

interface ImportRun {
  deps: Deps;
  /** The configuration the run's workers (and later the API) were started with. */
  env: Record<string, string>;
  created: number;
  mongoSeconds: number;
  endToEndSeconds: number;
  batches: BatchStats;
  cpu: { start: Record<string, number>; mongoDone: Record<string, number>; indexed: Record<string, number> };
}

/**
 * One import of the file into the (empty) database and index of `deps`, with the workers already
 * running: from the first line read until Meilisearch holds every profile and no sync is left.
 */
async function measureImport(
  deps: Deps,
  file: string,
  o: { count: number; batchSize: number; concurrency: number; pids: Record<string, number | undefined> },
): Promise<Omit<ImportRun, 'env'>> {
  const liveUid = deps.search.indexName(suppliersIndex.name);
  const outbox = outboxModel(deps.mongo);
  const start = cpuSeconds(o.pids);
  const started = performance.now();
  const summary = await importWithProgress(deps, readImportFile(file), {
    total: o.count,
    label: 'import (MongoDB)'.padEnd(22),
    batchSize: o.batchSize,
    concurrency: o.concurrency,
  });
  const mongoSeconds = (performance.now() - started) / 1000;
  const mongoDone = cpuSeconds(o.pids);
  await waitForIndex(deps, liveUid, summary.created, 'indexing (workers)', async () => {
    if ((await outbox.countDocuments({ status: 'pending' })) > 0) return false;
    const c = await deps.queues.get('search').getJobCounts('waiting', 'active', 'delayed');
    return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0;
  });
  const endToEndSeconds = (performance.now() - started) / 1000;
  const indexed = cpuSeconds(o.pids);
  if (summary.rejected > 0) log(`warning: ${summary.rejected} generated rows were rejected`);
  return {
    deps,
    created: summary.created,
    mongoSeconds,
    endToEndSeconds,
    batches: await meiliBatches(deps.config, liveUid),
    cpu: { start, mongoDone, indexed },
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
  const batchSize = arg('batch-size', 5_000);
  const concurrency = arg('concurrency', 3);
  const runs = Math.round(arg('runs', 3));
  const meiliThreads = Math.round(arg('meili-threads', os.cpus().length));
  const withMatching = process.argv.includes('--with-matching');
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
    // As in development and production: the imported data (~0.5 GB) fits MongoDB's cache.
    mongoCacheGB: 1,
    meiliIndexingThreads: meiliThreads,
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
  const pids = {
    node: process.pid,
    ...Object.fromEntries(stack.services.map((svc) => [svc.name, svc.pid])),
  };
  const cleanups: (() => Promise<unknown>)[] = [];

  try {
    // --- data: an NDJSON file, imported through the same reader as `npm run import:suppliers`
    const file = path.join(os.tmpdir(), `bench-suppliers-${run}.ndjson`);
    cleanups.push(() => fs.rm(file, { force: true }));
    const gen = bar('generating', 'rows', 22);
    gen.start(count, 0);
    const out = createWriteStream(file);
    let written = 0;
    for (const r of generateSuppliers({ count, seed: 42 })) {
      if (!out.write(`${JSON.stringify(r.data)}\n`)) await once(out, 'drain');
      written += 1;
      if (written % 5_000 === 0) gen.update(written);
    }
    out.end();
    await finished(out);
    gen.update(count);
    gen.stop();

    // --- (a) import end to end, `runs` times
    const imports: ImportRun[] = [];
    for (let i = 1; i <= runs; i++) {
      const env = {
        ...configEnv,
        MONGODB_DB: `${configEnv.MONGODB_DB}_${i}`,
        MEILI_INDEX_PREFIX: `${configEnv.MEILI_INDEX_PREFIX}${i}_`,
        QUEUE_PREFIX: `${configEnv.QUEUE_PREFIX}_${i}`,
      };
      const runDeps = await createDeps(loadConfig(env), 'workers', createLogger(config, 'bench'));
      createApp(runDeps); // registers every model, so syncAllIndexes creates their indexes
      createSuppliersRepository(runDeps.mongo);
      cleanups.push(async () => {
        await runDeps.mongo.db?.dropDatabase().catch(() => undefined);
        await runDeps.search.client
          .deleteIndex(runDeps.search.indexName(suppliersIndex.name))
          .waitTask()
          .catch(() => undefined);
        await Promise.all(
          runDeps.queues.all().map((q) => q.obliterate({ force: true }).catch(() => undefined)),
        );
        await closeDeps(runDeps);
      });
      await syncAllIndexes(runDeps);
      await ensureSearchIndex(runDeps, suppliersIndex);
      const workers = await startThread('./workers-thread.ts', { env, withMatching });
      cleanups.push(workers.stop);
      log(`Import run ${i} of ${runs}`);
      imports.push({ ...(await measureImport(runDeps, file, { count, batchSize, concurrency, pids })), env });
      await workers.stop();
      if (i < runs) {
        // The next run starts from an empty database, an idle Meilisearch and an empty cache.
        await runDeps.mongo.db?.dropDatabase();
        await runDeps.search.client.deleteIndex(runDeps.search.indexName(suppliersIndex.name)).waitTask();
      }
    }
    const last = imports.at(-1)!;
    const deps = last.deps;
    const liveUid = deps.search.indexName(suppliersIndex.name);

    // --- (b) raw Meilisearch indexing of the same documents
    const docs: SupplierSearchDoc[] = [];
    for await (const ids of suppliersIndex.allIds(deps, 5_000))
      docs.push(...(await suppliersIndex.buildDocuments(deps, ids)));
    const scratch = deps.search.indexName(`suppliers_raw_${run}`);
    await deps.search.client.createIndex(scratch, { primaryKey: 'id' }).waitTask();
    await deps.search.client.index(scratch).updateSettings(suppliersIndexSettings).waitTask();
    cleanups.push(() => deps.search.client.deleteIndex(scratch).waitTask());
    const cpuAtRawStart = cpuSeconds(pids);
    const rawStarted = performance.now();
    for (let i = 0; i < docs.length; i += 10_000) {
      await deps.search.client.index(scratch).addDocuments(docs.slice(i, i + 10_000), { primaryKey: 'id' });
    }
    await waitForIndex(deps, scratch, docs.length, 'indexing (raw Meili)');
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    const rawBatches = await meiliBatches(config, scratch);
    const cpuAtRawDone = cpuSeconds(pids);

    // --- (c) search: API vs Meilisearch direct
    const api = await startThread<{ port: number }>('./api-server.ts', last.env);
    cleanups.push(api.stop);
    const apiBase = `http://127.0.0.1:${api.ready.port}/api/suppliers`;
    const queries = QUERY_MIX.map((raw) => ({ raw, parsed: searchQuerySchema.parse(raw) }));
    const apiUrls = queries.map(({ raw }) => `${apiBase}?${new URLSearchParams(raw).toString()}`);
    const meiliUrl = `${config.MEILI_URL}/indexes/${liveUid}/search`;
    const meiliBodies = queries.map(({ parsed }) => JSON.stringify(searchParams(parsed, true)));
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
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    log('');
    log(
      `Import of ${last.created.toLocaleString('en')} profiles${withMatching ? ' (with matching)' : ''}, ${runs} run(s), each into an empty database and index`,
    );
    const batchLine = (b: BatchStats) =>
      `${b.batches} batches, ${Math.round(b.docs / Math.max(1, b.batches))} docs each, Meilisearch busy ${b.busySeconds.toFixed(1)} s`;
    imports.forEach((r, i) => {
      log(
        `  run ${i + 1}${i === 0 ? ' (first on these services)' : ''}: MongoDB phase (validate + write + outbox) ${r.mongoSeconds.toFixed(1)} s = ${Math.round(r.created / r.mongoSeconds)} profiles/s; end to end (until Meilisearch has all) ${r.endToEndSeconds.toFixed(1)} s = ${Math.round(r.created / r.endToEndSeconds)} profiles/s`,
      );
      log(`         Meilisearch: ${batchLine(r.batches)}`);
      if (Object.keys(r.cpu.start).length > 0) {
        log(`         CPU, MongoDB phase:  ${cpuLine(r.cpu.start, r.cpu.mongoDone)}`);
        log(`         CPU, index catch-up: ${cpuLine(r.cpu.mongoDone, r.cpu.indexed)}`);
      }
    });
    const rates = imports.map((r) => r.created / r.endToEndSeconds);
    const importRate = median(rates);
    const rawRate = docs.length / rawSeconds;
    log(
      `  end to end, median of ${runs}: ${Math.round(importRate)} profiles/s (slowest ${Math.round(Math.min(...rates))}, fastest ${Math.round(Math.max(...rates))})   target ≥ 2000  ${pass(importRate >= 2_000)}`,
    );
    log(
      `  raw Meilisearch indexing, same docs: ${rawSeconds.toFixed(1)} s = ${Math.round(rawRate)} docs/s (median end to end = ${(importRate / rawRate).toFixed(2)} × raw)`,
    );
    log(`         Meilisearch: ${batchLine(rawBatches)}`);
    if (Object.keys(cpuAtRawStart).length > 0) log(`         CPU: ${cpuLine(cpuAtRawStart, cpuAtRawDone)}`);
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
    // Each run's cleanup drops its database, index and queues (services named by MONGODB_URI /
    // MEILI_URL / REDIS_URL keep nothing of the benchmark).
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
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
