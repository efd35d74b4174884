/**
 * `npm run seed:suppliers -- --count 100000 [--seed 42] [--pending] [--index-now] [--out file.ndjson]`
 *
 * Generates realistic Swedish suppliers (scripts/seed/suppliers-generator.ts) and imports them
 * through the same pipeline as `npm run import:suppliers` (validation, batches, outbox), so the
 * search index follows through the workers (or at once with --index-now). With --out it writes
 * the rows as NDJSON instead, e.g. to try the import CLI on a big file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ConfigError } from '../server/config.js';
import { closeDeps } from '../server/platform/deps.js';
import { connectForImport, importWithProgress, printSummary } from './import-suppliers.js';
import { generateSuppliers } from './seed/suppliers-generator.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function writeNdjson(file: string, count: number, seed: number): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  for (const row of generateSuppliers({ count, seed })) {
    if (!out.write(`${JSON.stringify(row.data)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`Wrote ${count} suppliers to ${file}`);
}

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    console.log(
      'Usage: npm run seed:suppliers -- --count N [--seed S] [--pending] [--index-now] [--out file.ndjson]',
    );
    return 0;
  }
  const count = Number(option('count') ?? 1_000);
  const seed = Number(option('seed') ?? 20_240_901);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('--count and --seed must be whole numbers (count ≥ 1)');
    return 2;
  }
  const out = option('out');
  if (out) {
    await writeNdjson(out, count, seed);
    return 0;
  }
  const deps = await connectForImport('seed-suppliers');
  try {
    const summary = await importWithProgress(deps, generateSuppliers({ count, seed }), {
      total: count,
      quiet: process.argv.includes('--quiet'),
      status: process.argv.includes('--pending') ? 'pending_review' : 'approved',
      indexNow: process.argv.includes('--index-now'),
      label: 'seed:suppliers',
    });
    printSummary(summary);
    if (!process.argv.includes('--index-now')) {
      console.log(
        'The search index follows through the workers (npm run dev); or run npm run reindex -- suppliers.',
      );
    }
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    await closeDeps(deps);
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(
      err instanceof ConfigError
        ? err.message
        : `Seeding suppliers failed: ${err instanceof Error ? err.stack : err}`,
    );
    process.exit(1);
  });
