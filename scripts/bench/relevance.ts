/**
 * `npm run bench:relevance [-- --quick] [--requests 400] [--no-latency] [--verbose] [--wait-timeout 900]`
 *
 * Measures relevance on the evaluation set in test/fixtures/relevance/ (README there: how it was
 * built and how to extend it), on an empty stack of its own (profile `bench`: mongod,
 * Meilisearch, Redis and the embedder, all started by scripts/stack).
 *  1. Loads the set through the product's paths (relevance-seed.ts): the supplier import, then
 *     the needs with the outbox events an approval records; the workers (in a thread of their
 *     own, as in production) sync the indexes, embed the texts and match the needs. Waits, with
 *     progress, until every document is indexed and has its vector and every queue is empty,
 *     and prints how long that took.
 *  2. Latency, cold: every query once through both APIs (hybrid as shipped, keyword with the
 *     embedder off), each in a worker thread, before anything warmed the query cache.
 *  3. Needs search (relevance-eval.ts): nDCG@10, recall@10 and MRR per category and overall for
 *     (a) plain Meilisearch with default settings on a raw index of the same texts, (b) the
 *     product's keyword search with analysis, (c) the product's hybrid search.
 *  4. Matching: the product's matching service on each judged need; precision@5, recall@10 and
 *     nDCG@10 of the matches shown (score ≥ the network's threshold), and how many
 *     no-good-supplier needs show a match.
 *  5. Latency under load: API search p50/p95, hybrid vs keyword, at 1 and 32 clients.
 * Targets (issue 13), printed with PASS/FAIL: needs search nDCG@10 ≥ 0.90 overall and ≥ 0.80 in
 * every category (hybrid); matching precision@5 ≥ 0.80 and recall@10 ≥ 0.90 with no match above
 * the threshold for needs without a good supplier; hybrid p95 ≤ 1.5 × keyword p95. Exit code 2
 * when a target is missed.
 *
 * Flags:
 *   --quick            a smaller latency run (100 requests at 1 client, 400 at 32)
 *   --requests N       requests at 1 client (4 × N at 32); default 400
 *   --no-latency       skip steps 2 and 5
 *   --verbose          every matched need's top suppliers; the weakest queries of each variant
 *   --wait-timeout S   longest wait for the workers to catch up (then it measures what is there,
 *                      says so and fails); default 900 s
 * EMBEDDINGS_URL=off in the environment runs without an embedder ((c) then equals (b) and says so).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../../server/config.js';
import { closeDeps, createDeps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { ensureAllSearchIndexes } from '../../server/search-indexes.js';
import { startStack } from '../stack/index.js';
import { arg, log } from './kit.js';
import { loadRelevanceSet } from './relevance-data.js';
import { evaluateMatching, evaluateSearch } from './relevance-eval.js';
import { coldPass, loadPasses, type LatencyRow } from './relevance-latency.js';
import { printLatency, printMatching, printMisses, printSearch } from './relevance-report.js';
import { loadSet, waitForCatchUp, type CatchUp } from './relevance-seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const flag = (name: string) => process.argv.includes(`--${name}`);

/** A module of this folder in a worker thread with tsx's loader (as bench:suppliers does). */
async function startThread<Ready>(module: string, data: unknown) {
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
  const stop = async () => {
    const stopped = new Promise((r) =>
      worker.on('message', (m: { stopped?: boolean }) => m.stopped && r(true)),
    );
    worker.postMessage('stop');
    await Promise.race([stopped, sleep(10_000)]);
    await worker.terminate();
  };
  return { ready, stop };
}

async function main() {
  const set = loadRelevanceSet();
  const requests = flag('quick') ? 100 : arg('requests', 400);
  const waitTimeout = arg('wait-timeout', 900);
  const verbose = flag('verbose');
  log(
    `Relevance benchmark: ${set.needs.length} needs, ${set.suppliers.length} profiles, ${set.queries.length} queries, ` +
      `${set.matching.length} needs with matching judgements`,
  );

  const stack = await startStack({
    root,
    profile: 'bench',
    meiliMasterKey: randomBytes(24).toString('hex'),
    ephemeral: true,
    env: process.env,
    log: (m) => log(`[stack] ${m}`),
  });
  const run = randomBytes(3).toString('hex');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...stack.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    MONGODB_DB: `bt_relevance_${run}`,
    MEILI_INDEX_PREFIX: `relevance_${run}_`,
    QUEUE_PREFIX: `btrel_${run}`,
    SERVE_CLIENT: 'false',
  };
  const keywordEnv = { ...env, EMBEDDINGS_URL: 'off' };
  const config = loadConfig(env);
  const embeddings = config.EMBEDDINGS_URL !== 'off';
  log(embeddings ? `embedder: ${config.EMBEDDINGS_URL} (${config.EMBEDDINGS_MODEL})` : 'embedder: off');
  const deps = await createDeps(config, 'api', createLogger(config, 'bench-relevance'));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    await syncAllIndexes(deps);
    await ensureAllSearchIndexes(deps);
    const workers = await startThread('./workers-thread.ts', { env, withMatching: true });
    stops.push(workers.stop);

    const started = performance.now();
    const waits: Record<string, CatchUp> = {};
    log('loading the set (supplier import, then the needs) and waiting for the workers…');
    const loaded = await loadSet(deps, set, async (what) => {
      waits[what] = await waitForCatchUp(deps, set, what, embeddings, waitTimeout);
      const w = waits[what]!;
      log(
        `  ${what}: indexed after ${w.indexedSeconds.toFixed(1)} s` +
          (w.embeddedSeconds === null
            ? ''
            : `, with vectors and queues empty after ${w.embeddedSeconds.toFixed(1)} s`),
      );
    });
    log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const hybridApi = await startThread<{ port: number }>('./api-server.ts', env);
    stops.unshift(hybridApi.stop);
    const keywordApi = await startThread<{ port: number }>('./api-server.ts', keywordEnv);
    stops.unshift(keywordApi.stop);
    const bases = {
      hybrid: `http://127.0.0.1:${hybridApi.ready.port}`,
      keyword: `http://127.0.0.1:${keywordApi.ready.port}`,
    };
    const queries = set.queries.map((q) => q.q);
    const latency: LatencyRow[] = [];
    if (!flag('no-latency')) latency.push(await coldPass(bases, queries));

    log('needs search: three variants…');
    const variants = [
      await evaluateSearch('raw', set, { client: deps.search.client, rawIndex: loaded.rawIndex }),
      await evaluateSearch('keyword', set, { base: bases.keyword, needKey: loaded.needKey }),
      await evaluateSearch('hybrid', set, { base: bases.hybrid, needKey: loaded.needKey }),
    ];
    log('matching: the matching service on every judged need…');
    const matching = await evaluateMatching(deps, set, loaded, (done, total) => {
      if (done % 10 === 0 || done === total) log(`  ${done}/${total} needs matched`);
    });
    if (!flag('no-latency')) latency.push(...(await loadPasses(bases, queries, requests)));

    let ok = printSearch(set, variants);
    if (verbose) for (const v of variants) printMisses(set, v);
    else printMisses(set, variants[2]!, 8);
    ok = printMatching(set, matching, verbose) && ok;
    if (latency.length > 0) ok = printLatency(latency) && ok;
    log('');
    for (const [what, w] of Object.entries(waits))
      log(
        `Catch-up (${what}): indexed ${w.indexedSeconds.toFixed(1)} s` +
          (w.embeddedSeconds === null
            ? ''
            : `, embedded and queues empty ${w.embeddedSeconds.toFixed(1)} s`) +
          (w.complete ? '' : ', NOT caught up within --wait-timeout: the figures are of an incomplete index'),
      );
    if (Object.values(waits).some((w) => !w.complete)) ok = false;
    log(
      `Machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    log(ok ? 'All targets met.' : 'Targets missed (see FAIL above).');
    process.exitCode = ok ? 0 : 2;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
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
