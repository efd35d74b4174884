// Plain ESM: jest loads global setup outside its module system, so TypeScript goes through tsx.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (msg) => process.stdout.write(`[e2e] ${msg}\n`);

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Builds client/dist when any client source (or the lock file) is newer than the last build. */
function ensureClientBuild() {
  const built = newestMtime(path.join(root, 'client', 'dist', 'index.html'));
  const sources = Math.max(
    ...['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'package-lock.json'].map(
      (p) => newestMtime(path.join(root, p)),
    ),
  );
  if (built > sources) {
    log('client/dist is up to date');
    return;
  }
  log(built ? 'client sources changed: building the client' : 'building the client');
  const started = Date.now();
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Jest sets NODE_ENV=test, which would give React's development build: test what ships.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  log(`client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * One real stack per run: services, the API serving the production build, the workers. The
 * journeys read E2E_BASE_URL, the admin login and MAIL_CATCHER_URL from process.env.
 */
export default async function globalSetup() {
  process.env.TZ = 'UTC';
  const started = Date.now();
  ensureClientBuild();
  const { startE2e } = await tsImport('./support/app-stack.ts', import.meta.url);
  const running = await startE2e(root, log);
  Object.assign(process.env, running.env);
  globalThis.__BT_E2E__ = running;
  log(`stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
