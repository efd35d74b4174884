/**
 * `npm run reindex [-- <index> ...]`: rebuilds Meilisearch indexes from MongoDB (the source of
 * truth) into fresh indexes and swaps them in, so search keeps answering meanwhile.
 */
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig } from '../server/config.js';
import { closeDeps, createDeps } from '../server/platform/deps.js';
import { createLogger } from '../server/platform/logger.js';
import { rebuildSearchIndex } from '../server/platform/search/search-index.js';
import { searchIndexes } from '../server/search-indexes.js';

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (process.argv.includes('--help')) {
    console.log(
      `Usage: npm run reindex [-- <index> ...]\nIndexes: ${searchIndexes.map((d) => d.name).join(', ') || '(none yet)'}`,
    );
    return;
  }
  const unknown = wanted.filter((w) => !searchIndexes.some((d) => d.name === w));
  if (unknown.length > 0) {
    console.error(
      `Unknown index: ${unknown.join(', ')}. Known: ${searchIndexes.map((d) => d.name).join(', ')}`,
    );
    process.exit(2);
  }
  const config = loadConfig();
  const deps = await createDeps(config, 'workers', createLogger({ ...config, LOG_LEVEL: 'warn' }, 'reindex'));
  try {
    for (const def of searchIndexes.filter((d) => wanted.length === 0 || wanted.includes(d.name))) {
      const total = await def.count(deps);
      const bar = new cliProgress.SingleBar(
        {
          format: `${def.name.padEnd(10)} [{bar}] {percentage}% | {value}/{total} documents | {duration_formatted}`,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
      const started = Date.now();
      const done = await rebuildSearchIndex(deps, def, (n) => bar.update(Math.min(n, total)));
      bar.update(total);
      bar.stop();
      console.log(
        `${def.name}: ${done} documents indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await closeDeps(deps);
  }
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError ? err.message : `Reindex failed: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
});
