/**
 * bench:embedder — the local embedding model through the server's own client: document
 * throughput (texts/s) for profile texts at several batch sizes, and the latency of uncached
 * query embeddings at 1 and 4 clients. From the throughput follows how long the embeddings of
 * an import take to catch up (printed for 100,000 profiles).
 *
 *   npm run bench:embedder [-- --texts 96 --queries 60 --threads 2]
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.js';
import { profileText } from '../../server/platform/embeddings/document-text.js';
import { createHttpEmbedder } from '../../server/platform/embeddings/http-embedder.js';
import { generateSuppliers } from '../seed/suppliers-generator.js';
import { startEmbedder } from '../stack/index.js';
import { arg, load, log, percentile } from './kit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEXTS = arg('texts', 96);
const QUERIES = arg('queries', 60);
const threadsFlag = process.argv.includes('--threads') ? arg('threads', 2) : undefined;

const QUERY_WORDS = [
  'digital tillsyn nattetid',
  'night-time home care monitoring',
  'broinspektion med drönare',
  'snow clearing of cycle lanes',
  'matsvinn i skolkök',
  'energieffektivisering simhall',
  'e-hälsa distansvård',
  'parkeringsautomat betalning',
  'fritidsgård ungdomar',
  'school meal planning software',
];

async function main(): Promise<void> {
  const service = await startEmbedder({
    root,
    profile: 'bench',
    ephemeral: true,
    ...(threadsFlag ? { threads: threadsFlag } : {}),
    log: (m) => log(`[stack] ${m}`),
  });
  try {
    const config = loadConfig({
      PUBLIC_BASE_URL: 'http://localhost',
      SESSION_SECRET: 'x'.repeat(32),
      MONGODB_URI: 'mongodb://127.0.0.1:1/?replicaSet=rs0',
      MEILI_URL: 'http://127.0.0.1:1',
      MEILI_MASTER_KEY: 'x'.repeat(16),
      REDIS_URL: 'redis://127.0.0.1:1',
      SMTP_URL: 'smtp://127.0.0.1:1',
      EMBEDDINGS_URL: `${service.url}/v1`,
      EMBEDDINGS_MODEL: service.model,
      EMBEDDINGS_DIMENSIONS: String(service.dimensions),
      EMBEDDINGS_QUERY_TIMEOUT_MS: '30000',
      EMBEDDINGS_BATCH_TIMEOUT_MS: '600000',
    });
    const embedder = createHttpEmbedder(config);
    const texts = [...generateSuppliers({ count: TEXTS, seed: 7 })].map((row) =>
      profileText(row.data as unknown as Parameters<typeof profileText>[0], config.EMBEDDINGS_MAX_CHARS),
    );
    const chars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
    log(
      `\n${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; profile texts: ${TEXTS}, mean ${Math.round(chars)} characters`,
    );
    await embedder.embed(texts.slice(0, 2), 'passage'); // warm-up

    let best = 0;
    for (const size of [1, 8, 16, 32]) {
      const started = performance.now();
      for (let i = 0; i < texts.length; i += size) await embedder.embed(texts.slice(i, i + size), 'passage');
      const perSecond = texts.length / ((performance.now() - started) / 1000);
      best = Math.max(best, perSecond);
      log(`passages, batch ${String(size).padStart(2)}: ${perSecond.toFixed(1)} texts/s`);
    }
    const hours = 100_000 / best / 3600;
    log(
      `catch-up of 100,000 profiles at the best rate: ${hours.toFixed(1)} h (${Math.round(100_000 / best / 60)} min)`,
    );

    for (const clients of [1, 4]) {
      const { times } = await load(QUERIES, clients, async (i) => {
        // A unique suffix: the server's client has no cache, this measures the model.
        await embedder.embed([`${QUERY_WORDS[i % QUERY_WORDS.length]} ${clients}-${i}`], 'query');
      });
      const sorted = [...times].sort((a, b) => a - b);
      log(
        `queries, ${clients} client${clients > 1 ? 's' : ''}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`,
      );
    }
    log(`load average after: ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await service.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
