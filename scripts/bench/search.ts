/**
 * `npm run bench:search [-- --count 10000 --requests 400]`
 *
 * 1. Seeds `count` realistic published needs (scripts/bench/needs-generator.ts) spread over a few
 *    networks. The seeding path is bulk on purpose: one `insertMany` per 2,000 needs through the
 *    needs repository (schema defaults and validation apply, no per-need transaction, no outbox
 *    events), then one full index rebuild (`rebuildSearchIndex`, what `npm run reindex` runs).
 *    The lifecycle path (API, outbox, worker) is covered by the tests, not timed here.
 * 2. Runs the API in this process on a free port and fires a fixed mix of 22 searches (text with
 *    and without typos, sv/en synonyms, CPV and region prefixes, stage and network filters, sort,
 *    pages; facets on every request) through it, and the same searches straight at Meilisearch —
 *    the exact request the API sends (`meiliSearchParams`) — at 1 and 32 concurrent clients.
 * 3. Prints p50, p95 and throughput for both, the p95 ratio and PASS/FAIL against 1.5×.
 *
 * Services: its own ephemeral stack (profile `bench`) unless MONGODB_URI / MEILI_URL / REDIS_URL
 * name running ones (it then uses its own database, index prefix and queue prefix and removes
 * them at the end).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import { meiliSearchParams, needsSearchIndex } from '../../server/modules/needs/needs-search.js';
import { searchNeedsQuery } from '../../server/modules/needs/needs.schemas.js';
import type { NewNeed } from '../../server/modules/needs/needs.types.js';
import { createNetworksRepository } from '../../server/modules/networks/networks.repository.js';
import { closeDeps, createDeps, type Deps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { inTransaction } from '../../server/platform/outbox/outbox.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import { startStack } from '../stack/index.js';
import { generateNeeds } from './needs-generator.js';
import { arg, bar, load, log, percentile, request, type Latencies } from './kit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NETWORKS = [
  'Beställarnätverket för fossilfria transporter',
  'Beställarnätverket Välfärdsteknik',
  'Nätverket för cirkulära möbler och byggmaterial',
  'Offentliga kök i samverkan',
  'Digitalisering i kommunal förvaltning',
  'Energieffektiva fastigheter',
];

/** Approved networks straight through the networks repository (their members do not matter here). */
async function seedNetworks(deps: Deps): Promise<string[]> {
  const networks = createNetworksRepository(deps.mongo);
  const ids: string[] = [];
  for (const [i, name] of NETWORKS.entries()) {
    const id = await inTransaction(deps.mongo, async (tx) => {
      const n = await networks.create(
        {
          name,
          slug: `bench-${i}`,
          subjectArea: name,
          description: 'Ett nätverk för benchmarken.',
          languages: ['sv'],
          contact: { name: 'Samordnare', email: 'samordnare@example.se' },
          coordinatorOrgId: '650000000000000000000001',
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
    ids.push(id);
  }
  return ids;
}

async function seedNeeds(deps: Deps, count: number, networkIds: string[]) {
  const repo = createNeedsRepository(deps.mongo);
  const t0 = performance.now();
  const progress = bar('insert (bulk, MongoDB)', 'needs');
  progress.start(count, 0);
  let batch: NewNeed[] = [];
  let done = 0;
  for (const need of generateNeeds({ count, networkIds, seed: 42 })) {
    batch.push(need);
    if (batch.length === 2_000) {
      done += await repo.insertMany(batch);
      progress.update(done);
      batch = [];
    }
  }
  if (batch.length > 0) done += await repo.insertMany(batch);
  progress.update(done);
  progress.stop();
  const t1 = performance.now();
  const index = bar('index (full rebuild)', 'docs');
  const total = await needsSearchIndex.count(deps);
  index.start(total, 0);
  await rebuildSearchIndex(deps, needsSearchIndex, (n) => index.update(Math.min(n, total)));
  index.update(total);
  index.stop();
  return { insertSeconds: (t1 - t0) / 1000, indexSeconds: (performance.now() - t1) / 1000 };
}

/** The fixed query mix; `{network}` becomes the first network's id. */
const QUERY_MIX: Record<string, string>[] = [
  { q: 'laddinfrastruktur' },
  { q: 'laddinfrastrukur' },
  { q: 'charging' },
  { q: 'digital vård hemmet' },
  { q: 'e-hälsa' },
  { q: 'avfall återvinning' },
  { q: 'möbler återbruk' },
  { q: 'matsvinn skolmåltider' },
  { q: 'software' },
  { q: 'sensorer nattillsyn' },
  { cpv: '48000000' },
  { cpv: '31000000,34000000' },
  { cpv: '90500000' },
  { region: 'SE' },
  { region: 'SE110' },
  { region: 'SE224,SE232' },
  { stage: 'market_dialogue' },
  { network: '{network}' },
  { q: 'laddning', cpv: '31000000', region: 'SE2' },
  { q: 'digital', stage: 'rfi,procurement', sort: 'deadline_asc' },
  { sort: 'published_desc', page: '3' },
  { q: 'energi', page: '2', pageSize: '50' },
];

/**
 * The load generator's HTTP client: node:http with keep-alive and TCP_NODELAY for both targets.
 * (Node's fetch adds ~40 ms to responses of a few kB on loopback — see
 * server/modules/needs/meili-http-client.ts — which would drown what is being measured.)
 */
/**
 * Both targets in alternating rounds (Meilisearch, API, Meilisearch, API, …) so that both see
 * the same machine: on a shared machine the load changes by the minute, and running one target
 * after the other would charge that change to one of them.
 */
async function compare(
  requests: number,
  clients: number,
  targets: { meili: (i: number) => Promise<void>; api: (i: number) => Promise<void> },
  rounds = 4,
): Promise<{ meili: Latencies; api: Latencies }> {
  const progress = bar(`${clients} client(s), both`, 'requests');
  progress.start(requests * 2, 0);
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % 20 === 0) progress.update(done);
  };
  const acc = { meili: { times: [] as number[], seconds: 0 }, api: { times: [] as number[], seconds: 0 } };
  const perRound = Math.ceil(requests / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const key of ['meili', 'api'] as const) {
      const run = await load(perRound, clients, targets[key], tick);
      acc[key].times.push(...run.times);
      acc[key].seconds += run.seconds;
    }
  }
  progress.update(requests * 2);
  progress.stop();
  const summary = ({ times, seconds }: { times: number[]; seconds: number }): Latencies => {
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95), perSecond: times.length / seconds };
  };
  return { meili: summary(acc.meili), api: summary(acc.api) };
}

async function main() {
  const count = arg('count', 10_000);
  const requests = arg('requests', 400);
  const external = Boolean(process.env.MONGODB_URI || process.env.MEILI_URL || process.env.REDIS_URL);
  log(
    `Need search benchmark: ${count.toLocaleString('en')} needs, ${requests} requests at 1 client, ${requests * 8} at 32`,
  );

  const stack = await startStack({
    root,
    profile: 'bench',
    // Hex: a base64url key may start with '-', which Meilisearch takes for an option.
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
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_BASE_URL: 'http://localhost:3000',
    MONGODB_DB: `bt_bench_${run}`,
    MEILI_INDEX_PREFIX: `bench_${run}_`,
    QUEUE_PREFIX: `btbench_${run}`,
    SERVE_CLIENT: 'false',
  });
  const deps = await createDeps(config, 'api', createLogger(config, 'bench'));
  const app = createApp(deps);
  await syncAllIndexes(deps);
  const cleanups: (() => Promise<unknown>)[] = [];

  try {
    const seedStarted = performance.now();
    const networkIds = await seedNetworks(deps);
    const { insertSeconds, indexSeconds } = await seedNeeds(deps, count, networkIds);
    log(
      `seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s ` +
        `(bulk insert ${insertSeconds.toFixed(1)} s, full index rebuild ${indexSeconds.toFixed(1)} s)`,
    );

    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/needs`;
    const raws = QUERY_MIX.map((q) =>
      Object.fromEntries(Object.entries(q).map(([k, v]) => [k, v.replace('{network}', networkIds[0]!)])),
    );
    const apiUrls = raws.map((raw) => `${apiBase}?${new URLSearchParams(raw).toString()}`);
    const meiliUrl = `${config.MEILI_URL}/indexes/${deps.search.indexName(needsSearchIndex.name)}/search`;
    const meiliBodies = raws.map((raw) => {
      const query = searchNeedsQuery.parse(raw);
      return JSON.stringify({ q: query.q ?? '', ...meiliSearchParams(query) });
    });
    const headers = {
      Authorization: `Bearer ${config.MEILI_MASTER_KEY}`,
      'Content-Type': 'application/json',
    };
    // A degraded answer (Meilisearch slower than the API's 1.5 s timeout) is counted, not fatal:
    // on an overloaded machine it shows up as a latency outlier, which is what it is.
    let degraded = 0;
    const viaApi = async (i: number) => {
      const res = await request(apiUrls[i % apiUrls.length]!);
      if (res.status !== 200) throw new Error(`API answered ${res.status}: ${res.text}`);
      const body = JSON.parse(res.text) as { degraded?: boolean; total: number };
      if (body.degraded) degraded += 1;
    };
    const direct = async (i: number) => {
      const res = await request(meiliUrl, {
        method: 'POST',
        headers,
        body: meiliBodies[i % meiliBodies.length]!,
      });
      if (res.status !== 200) throw new Error(`Meilisearch answered ${res.status}: ${res.text}`);
      JSON.parse(res.text);
    };

    // Sanity: every query finds something, and the API and Meilisearch agree on the totals.
    for (const [i, url] of apiUrls.entries()) {
      const t0 = performance.now();
      const api = JSON.parse((await request(url)).text) as { total: number; degraded?: boolean };
      const t1 = performance.now();
      const meili = JSON.parse(
        (await request(meiliUrl, { method: 'POST', headers, body: meiliBodies[i]! })).text,
      ) as {
        totalHits: number;
        processingTimeMs: number;
      };
      if (process.argv.includes('--verbose'))
        log(
          `  ${JSON.stringify(raws[i])}: API ${(t1 - t0).toFixed(0)} ms${api.degraded ? ' (degraded)' : ''}, Meili ${(performance.now() - t1).toFixed(0)} ms (${meili.processingTimeMs} ms inside), ${api.total} hits`,
        );
      if (api.total !== meili.totalHits)
        throw new Error(`query ${i}: API total ${api.total} ≠ Meilisearch ${meili.totalHits}`);
      if (api.total === 0) log(`warning: query ${JSON.stringify(raws[i])} finds nothing`);
    }

    await compare(200, 4, { meili: direct, api: viaApi }, 1); // warm-up
    const results: { clients: number; meili: Latencies; api: Latencies }[] = [];
    for (const clients of [1, 32]) {
      const n = clients === 1 ? requests : requests * 8;
      results.push({ clients, ...(await compare(n, clients, { meili: direct, api: viaApi })) });
    }

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    log('');
    log(
      `Need search, ${count.toLocaleString('en')} needs, fixed mix of ${QUERY_MIX.length} queries (facets on every request)`,
    );
    log(
      '  clients | Meili p50 | Meili p95 | Meili req/s |  API p50 |  API p95 | API req/s | p95 API/Meili | target ≤ 1.5',
    );
    for (const r of results) {
      const ratio = r.api.p95 / r.meili.p95;
      log(
        `  ${String(r.clients).padStart(7)} | ${ms(r.meili.p50).padStart(9)} | ${ms(r.meili.p95).padStart(9)} | ${r.meili.perSecond.toFixed(0).padStart(11)} | ${ms(r.api.p50).padStart(8)} | ${ms(r.api.p95).padStart(8)} | ${r.api.perSecond.toFixed(0).padStart(9)} | ${ratio.toFixed(2).padStart(13)} | ${ratio <= 1.5 ? 'PASS' : 'FAIL'}`,
      );
    }
    const ok = results.every((r) => r.api.p95 / r.meili.p95 <= 1.5);
    log('');
    log(
      `Machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    );
    if (degraded > 0)
      log(
        `warning: ${degraded} API answers were degraded (Meilisearch slower than 1.5 s): the machine is overloaded`,
      );
    log(ok ? 'Target met: API p95 ≤ 1.5 × Meilisearch p95.' : 'Target missed (see FAIL above).');
    process.exitCode = ok ? 0 : 2;
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
    }
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
