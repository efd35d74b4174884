// Plain ESM: jest loads global setup outside its module system, so the TypeScript stack
// library is imported through tsx.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts real mongod (replica set), Meilisearch, Redis and the SMTP sink once per run, on free
 * loopback ports with throwaway data. Their URLs reach the test workers through process.env;
 * each test file then takes its own database, index prefix and queue prefix (test/helpers/context.ts).
 */
export default async function globalSetup() {
  process.env.TZ = 'UTC';
  const started = Date.now();
  const { startStack } = await tsImport('../scripts/stack/index.ts', import.meta.url);
  const stack = await startStack({
    root,
    profile: 'test',
    ephemeral: true,
    meiliMasterKey: randomBytes(24).toString('hex'),
    // Tests always start their own services, even if the shell names a dev stack.
    env: {},
    log: (msg) => process.stdout.write(`[test services] ${msg}\n`),
  });
  Object.assign(process.env, stack.env);
  globalThis.__BT_STACK__ = stack;
  process.stdout.write(`[test services] ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
