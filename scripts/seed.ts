/**
 * `npm run seed [-- --if-empty]`: loads the demo data through the features' own services.
 * With --if-empty it does nothing when the database already holds users (used by `npm run dev`
 * and docker compose on every start).
 */
import { ConfigError, loadConfig } from '../server/config.js';
import { closeDeps, createDeps } from '../server/platform/deps.js';
import { createLogger } from '../server/platform/logger.js';
import { runSeed } from './seed/run.js';

async function main() {
  if (process.argv.includes('--help')) {
    console.log(
      'Usage: npm run seed [-- --if-empty]\nLoads demo networks, needs, suppliers, meetings and questions.',
    );
    return;
  }
  const config = loadConfig();
  const deps = await createDeps(config, 'workers', createLogger({ ...config, LOG_LEVEL: 'warn' }, 'seed'));
  try {
    const started = Date.now();
    const result = await runSeed(deps, { ifEmpty: process.argv.includes('--if-empty'), log: console.log });
    if (result.skipped) {
      console.log('Demo data: the database already has users; nothing to do.');
      return;
    }
    console.log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (result.logins.length > 0) {
      console.log('\nDemo logins:');
      for (const l of result.logins)
        console.log(`  ${l.role.padEnd(34)} ${l.email.padEnd(56)} ${l.password}`);
    }
  } finally {
    await closeDeps(deps);
  }
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError ? err.message : `Seeding failed: ${err instanceof Error ? err.stack : err}`,
  );
  process.exit(1);
});
