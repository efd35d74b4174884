/**
 * `npm run seed [-- --if-empty]`: loads the demo data through the features' own services.
 * With --if-empty it does nothing when the database already holds users (used by `npm run dev`
 * and docker compose on every start).
 */
import { ConfigError, loadConfig } from '../server/config.js';
import { createApp } from '../server/app.js';
import { closeDeps, createDeps } from '../server/platform/deps.js';
import { syncAllIndexes } from '../server/platform/indexes.js';
import { createLogger } from '../server/platform/logger.js';
import { seedSteps } from './seed/steps.js';
import type { SeedContext } from './seed/types.js';

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
    // Building the app registers every model, so their indexes exist before data goes in.
    createApp(deps);
    await syncAllIndexes(deps);
    const db = deps.mongo.db;
    if (!db) throw new Error('MongoDB is not connected');
    if (process.argv.includes('--if-empty') && (await db.collection('users').estimatedDocumentCount()) > 0) {
      console.log('Demo data: the database already has users; nothing to do.');
      return;
    }
    const refs = new Map<string, string>();
    const ctx: SeedContext = {
      deps,
      refs,
      logins: [],
      log: (m) => console.log(`  ${m}`),
      ref(name) {
        const id = refs.get(name);
        if (!id)
          throw new Error(`seed: no id named ${name} (is the step that creates it earlier in the list?)`);
        return id;
      },
    };
    const started = Date.now();
    for (const [i, step] of seedSteps.entries()) {
      console.log(`[${i + 1}/${seedSteps.length}] ${step.name}`);
      await step.run(ctx);
    }
    console.log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (ctx.logins.length > 0) {
      console.log('\nDemo logins:');
      for (const l of ctx.logins) console.log(`  ${l.role.padEnd(28)} ${l.email.padEnd(38)} ${l.password}`);
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
