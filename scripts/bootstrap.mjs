// First step of `npm run dev` and `npm test` on any checkout: checks Node and installs the
// dependencies when they are missing or older than package-lock.json. Plain Node, no
// dependencies (it runs before they exist); a no-op costing two stat calls when up to date.
// Service binaries are not fetched here: scripts/stack downloads them lazily on first start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_NODE = [20, 19, 0];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`\n[bootstrap] ${message}\n\n`);
  process.exit(1);
}

const current = process.versions.node.split('.').map(Number);
const tooOld = MIN_NODE.some((part, i) => {
  const same = MIN_NODE.slice(0, i).every((p, j) => p === current[j]);
  return same && (current[i] ?? 0) < part;
});
if (tooOld) {
  fail(
    `Node ${MIN_NODE.join('.')} or newer is needed; this is ${process.versions.node}. (See .nvmrc: \`nvm use\`.)`,
  );
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

const lock = mtime(path.join(root, 'package-lock.json'));
// npm writes node_modules/.package-lock.json at the end of every install.
const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
if (lock === undefined) fail('package-lock.json is missing: the repository checkout is incomplete.');

// A worktree whose node_modules links to another checkout's tree shares it: installing here
// would rewrite the other checkout's packages (npm ci deletes node_modules first).
const shared = (() => {
  try {
    return fs.lstatSync(path.join(root, 'node_modules')).isSymbolicLink();
  } catch {
    return false;
  }
})();

if (!shared && (installed === undefined || installed < lock)) {
  const why =
    installed === undefined ? 'node_modules is missing' : 'package-lock.json changed since the last install';
  process.stderr.write(`[bootstrap] ${why}: running npm ci\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = (args) =>
    spawnSync(npm, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  // npm ci only: it installs exactly what package-lock.json records or refuses. A fallback to
  // npm install would let the tree drift from the lock file without anyone noticing.
  const result = run(['ci', '--no-audit', '--no-fund']);
  if (result.error) fail(`could not run npm: ${result.error.message}`);
  if (result.status !== 0) {
    fail(
      `npm ci failed (exit ${result.status ?? result.signal}); see its output above. If it says the lock ` +
        'file is out of sync with package.json, regenerate it with `npm install` and commit both.',
    );
  }
}
