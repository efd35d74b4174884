import fs from 'node:fs/promises';
import type { Logger } from '../types.js';
import { formatVersion, lastLines, parseVersion, run, which } from './exec.js';
import { MissingBinaryError } from './mongod.js';

const MIN_MAJOR = 7;

async function redisVersion(binary: string): Promise<string> {
  const res = await run(binary, ['--version'], { timeoutMs: 30_000 });
  const version = parseVersion(/v=([\d.]+)/.exec(res.stdout)?.[1] ?? res.stdout);
  if (res.code !== 0 || !version) {
    throw new MissingBinaryError(
      `${binary} --version failed (exit ${res.code}): ${lastLines(res.stdout + res.stderr)}`,
    );
  }
  if (version[0] < MIN_MAJOR) {
    throw new MissingBinaryError(`${binary} is Redis ${formatVersion(version)}; 7.0 or newer is needed`);
  }
  return formatVersion(version);
}

async function isDebianLike(): Promise<boolean> {
  try {
    const osRelease = await fs.readFile('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  } catch {
    return false;
  }
}

async function aptInstall(log: Logger): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(
    'redis-server not found: installing the Debian package (apt-get update && apt-get install -y redis-server)...',
  );
  const update = await run('apt-get', ['update'], { timeoutMs: 10 * 60_000, env });
  if (update.code !== 0)
    throw new MissingBinaryError(`apt-get update failed:\n${lastLines(update.stdout + update.stderr)}`);
  const install = await run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
    timeoutMs: 10 * 60_000,
    env,
  });
  if (install.code !== 0) {
    throw new MissingBinaryError(
      `apt-get install redis-server failed:\n${lastLines(install.stdout + install.stderr)}`,
    );
  }
}

let cached: Promise<{ binary: string; version: string }> | undefined;

/** A verified redis-server >= 7: $REDIS_SERVER_BINARY, else PATH (apt-installed on Debian as root). */
export function ensureRedis(log: Logger): Promise<{ binary: string; version: string }> {
  cached ??= (async () => {
    let binary = process.env.REDIS_SERVER_BINARY ?? (await which('redis-server'));
    if (!binary && (await isDebianLike()) && process.getuid?.() === 0) {
      await aptInstall(log);
      binary = (await which('redis-server')) ?? '/usr/bin/redis-server';
    }
    if (!binary) {
      const how =
        process.platform === 'darwin'
          ? '`brew install redis`'
          : "`sudo apt-get install redis-server` (Debian/Ubuntu) or your distribution's redis package";
      throw new MissingBinaryError(
        `redis-server was not found. Install Redis 7 or newer with ${how}, or set REDIS_SERVER_BINARY, ` +
          'or run the services with Docker (`docker compose up -d`) and set REDIS_URL.',
      );
    }
    return { binary, version: await redisVersion(binary) };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
