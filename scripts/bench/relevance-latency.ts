/**
 * The latency cost of hybrid search: the evaluation queries through the API as shipped
 * (hybrid) and through an API with the embedder off (keyword), both in worker threads of their
 * own, in alternating rounds so that both see the same machine (see bench:search).
 *  - cold: every query once, one client, before anything else ran: each hybrid request waits
 *    for its query embedding (the API caches query vectors, so this is the only time it does);
 *  - load: `requests` requests at 1 client and 4 × `requests` at 32 clients, queries cycling.
 * Answers flagged keyword-only in the hybrid API (the query embedding took longer than
 * EMBEDDINGS_QUERY_TIMEOUT_MS) are counted: they are faster and would flatter the ratio.
 */
import { bar, load, percentile, request, type Latencies } from './kit.js';

export interface LatencyRow {
  label: string;
  clients: number;
  hybrid: Latencies;
  keyword: Latencies;
  /** Hybrid answers that came back keyword-only. */
  fallbacks: number;
}

function summary(times: number[], seconds: number): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), perSecond: times.length / seconds };
}

function sender(base: string, queries: string[], onFallback: () => void) {
  const urls = queries.map(
    (q) => `${base}/api/needs?${new URLSearchParams({ q, pageSize: '10' }).toString()}`,
  );
  return async (i: number) => {
    const res = await request(urls[i % urls.length]!);
    if (res.status !== 200) throw new Error(`API answered ${res.status}: ${res.text.slice(0, 200)}`);
    if (res.text.includes('"keywordOnly":true')) onFallback();
  };
}

async function compare(
  label: string,
  requests: number,
  clients: number,
  bases: { hybrid: string; keyword: string },
  queries: string[],
  rounds: number,
): Promise<LatencyRow> {
  let fallbacks = 0;
  const send = {
    hybrid: sender(bases.hybrid, queries, () => (fallbacks += 1)),
    keyword: sender(bases.keyword, queries, () => undefined),
  };
  const progress = bar(`${label}, ${clients} client(s)`, 'requests', 30);
  progress.start(requests * 2, 0);
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % 10 === 0) progress.update(done);
  };
  const acc = {
    hybrid: { times: [] as number[], seconds: 0 },
    keyword: { times: [] as number[], seconds: 0 },
  };
  const perRound = Math.ceil(requests / rounds);
  for (let r = 0; r < rounds; r++) {
    for (const key of ['hybrid', 'keyword'] as const) {
      // Each round starts where the last one stopped, so the rounds together cycle the queries.
      const offset = r * perRound;
      const run = await load(perRound, clients, (i) => send[key](offset + i), tick);
      acc[key].times.push(...run.times);
      acc[key].seconds += run.seconds;
    }
  }
  progress.update(requests * 2);
  progress.stop();
  return {
    label,
    clients,
    hybrid: summary(acc.hybrid.times, acc.hybrid.seconds),
    keyword: summary(acc.keyword.times, acc.keyword.seconds),
    fallbacks,
  };
}

/** Every query once at one client: each hybrid request embeds its query. Run this first. */
export function coldPass(bases: { hybrid: string; keyword: string }, queries: string[]): Promise<LatencyRow> {
  return compare('cold (first time each query)', queries.length, 1, bases, queries, 1);
}

export async function loadPasses(
  bases: { hybrid: string; keyword: string },
  queries: string[],
  requests: number,
): Promise<LatencyRow[]> {
  await compare('warm-up', Math.min(100, requests), 4, bases, queries, 1);
  return [
    await compare('load', requests, 1, bases, queries, 4),
    await compare('load', requests * 4, 32, bases, queries, 4),
  ];
}
