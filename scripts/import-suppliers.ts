/**
 * `npm run import:suppliers -- <file.csv|file.json|file.ndjson> [--pending] [--index-now] [--batch-size N]`
 *
 * Creates or updates supplier organisations and their profiles from a file, idempotent by
 * country + org number. Every row is validated like the API's profile form; bad rows are
 * reported with their line and reason, good rows are imported. Prints a progress bar and a
 * summary; exits 0 when every row was imported, 1 when some were rejected, 2 on a bad file or
 * usage. The file formats are described in server/modules/suppliers/suppliers-import.parse.ts.
 */
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../server/config.js';
import { createApp } from '../server/app.js';
import { closeDeps, createDeps, type Deps } from '../server/platform/deps.js';
import { syncAllIndexes } from '../server/platform/indexes.js';
import { createLogger } from '../server/platform/logger.js';
import { ensureAllSearchIndexes } from '../server/search-indexes.js';
import {
  importSuppliers,
  type ImportOptions,
  type ImportSummary,
} from '../server/modules/suppliers/suppliers-import.js';
import { createSuppliersRepository } from '../server/modules/suppliers/suppliers.repository.js';
import {
  ImportFileError,
  detectFormat,
  readImportFile,
  type RawRow,
} from '../server/modules/suppliers/suppliers-import.parse.js';

const USAGE = `Usage: npm run import:suppliers -- <file.csv|file.json|file.ndjson> [options]

Options:
  --pending         put new and changed profiles in the moderation queue (default: approved)
  --index-now       also write the search index directly (no workers needed)
  --batch-size N    rows per batch, one transaction each (1–5000, default 5000)
  --quiet           no progress bar`;

/** Counts data lines, for the progress bar's total (a header line is subtracted for CSV). */
async function countRows(path: string): Promise<number> {
  const format = await detectFormat(path);
  if (format === 'json') return 0;
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) lines += 1;
    last = buf[buf.length - 1] ?? last;
  }
  if (last !== 10) lines += 1;
  return Math.max(0, format === 'csv' ? lines - 1 : lines);
}

/** Runs the import with a progress bar (when `total` is known) and returns the summary. */
export async function importWithProgress(
  deps: Deps,
  rows: AsyncIterable<RawRow> | Iterable<RawRow>,
  options: ImportOptions & { total: number; quiet?: boolean; label?: string },
): Promise<ImportSummary> {
  const show = !options.quiet && options.total > 0;
  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label ?? 'import'} [{bar}] {percentage}% | {value}/{total} rows | {created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected | {eta_formatted} left`,
      etaBuffer: 20,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
    },
    cliProgress.Presets.shades_classic,
  );
  if (show) bar.start(options.total, 0, { created: 0, updated: 0, unchanged: 0, rejected: 0 });
  try {
    return await importSuppliers(deps, rows, {
      ...options,
      onProgress: (p) => {
        if (show) bar.update(Math.min(p.read, options.total), p);
        options.onProgress?.(p);
      },
    });
  } finally {
    if (show) bar.stop();
  }
}

export function printSummary(summary: ImportSummary, write: (line: string) => void = console.log): void {
  const seconds = summary.durationMs / 1000;
  const written = summary.created + summary.updated;
  write('');
  write(`Rows read:   ${summary.read}`);
  write(`  created:   ${summary.created}`);
  write(`  updated:   ${summary.updated}`);
  write(`  unchanged: ${summary.unchanged}`);
  write(`  rejected:  ${summary.rejected}`);
  write(
    `Time:        ${seconds.toFixed(1)} s (${Math.round(summary.read / Math.max(seconds, 0.001))} rows/s, ${written} written)`,
  );
  if (summary.rejectedRows.length > 0) {
    write('');
    write('Rejected rows:');
    for (const r of summary.rejectedRows.slice(0, 200)) {
      write(`  line ${r.line}${r.orgNumber ? ` (${r.orgNumber})` : ''}: ${r.reasons.join('; ')}`);
    }
    if (summary.rejected > 200) write(`  … and ${summary.rejected - 200} more`);
  }
}

/** Connects like the workers do and makes sure every model index and search index exists. */
export async function connectForImport(name: string): Promise<Deps> {
  const config = loadConfig();
  const deps = await createDeps(config, 'workers', createLogger({ ...config, LOG_LEVEL: 'warn' }, name));
  // Building the app registers every model, so syncAllIndexes creates their indexes.
  createApp(deps);
  createSuppliersRepository(deps.mongo);
  await syncAllIndexes(deps);
  await ensureAllSearchIndexes(deps).catch((err: unknown) => {
    // The import itself only needs MongoDB; the index follows when Meilisearch is back.
    console.warn(`Search index not ready (${err instanceof Error ? err.message : err}); continuing.`);
  });
  return deps;
}

function parseArgs(argv: string[]) {
  const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--batch-size');
  const batchIndex = argv.indexOf('--batch-size');
  const batchSize = batchIndex >= 0 ? Number(argv[batchIndex + 1]) : 5_000;
  return {
    files,
    help: argv.includes('--help') || argv.includes('-h'),
    pending: argv.includes('--pending'),
    indexNow: argv.includes('--index-now'),
    quiet: argv.includes('--quiet'),
    batchSize,
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (
    args.files.length !== 1 ||
    !Number.isInteger(args.batchSize) ||
    args.batchSize < 1 ||
    args.batchSize > 5_000
  ) {
    console.error(USAGE);
    return 2;
  }
  const file = args.files[0]!;
  const total = await countRows(file);
  const deps = await connectForImport('import-suppliers');
  try {
    const summary = await importWithProgress(deps, readImportFile(file), {
      total,
      quiet: args.quiet,
      batchSize: args.batchSize,
      status: args.pending ? 'pending_review' : 'approved',
      indexNow: args.indexNow,
    });
    printSummary(summary);
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    await closeDeps(deps);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      if (err instanceof ImportFileError) {
        console.error(`Cannot import: ${err.message}`);
        process.exit(2);
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`Cannot import: no such file ${(err as NodeJS.ErrnoException).path ?? ''}`);
        process.exit(2);
      }
      console.error(
        err instanceof ConfigError ? err.message : `Import failed: ${err instanceof Error ? err.stack : err}`,
      );
      process.exit(1);
    });
}
