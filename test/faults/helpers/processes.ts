import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/stack/index.js';
import { prepareLogFile } from '../../../scripts/stack/paths.js';
import { spawnService, type ManagedProcess } from '../../../scripts/stack/processes.js';
import type { Config } from '../../../server/config.js';

/**
 * Real API and workers processes for the fault tests (`tsx server/main.ts`, `tsx workers/main.ts`),
 * spawned through the stack library: each has a pid file and a watchdog entry, so a test that is
 * itself killed leaves no process behind, and its output goes to .data/<profile>/logs/<name>.log.
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface AppProcess {
  name: string;
  pid: number;
  /** http://127.0.0.1:<port> for an API, undefined for workers. */
  url?: string;
  /** SIGKILL: no drain, no clean close, as a crash. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM with the usual drain; SIGKILL after the stack's timeout. */
  stop(): Promise<void>;
}

/** The variables a child needs to share a test context's database, indexes and queues. */
export function childEnv(config: Config, extra: Record<string, string> = {}): Record<string, string> {
  const pick = {
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: config.PUBLIC_BASE_URL,
    SESSION_SECRET: config.SESSION_SECRET,
    MONGODB_URI: config.MONGODB_URI,
    MONGODB_DB: config.MONGODB_DB,
    MEILI_URL: config.MEILI_URL,
    MEILI_MASTER_KEY: config.MEILI_MASTER_KEY,
    MEILI_INDEX_PREFIX: config.MEILI_INDEX_PREFIX,
    REDIS_URL: config.REDIS_URL,
    QUEUE_PREFIX: config.QUEUE_PREFIX,
    QUEUE_HASH_TAG: config.QUEUE_HASH_TAG,
    SMTP_URL: config.SMTP_URL,
    OUTBOX_POLL_MS: String(config.OUTBOX_POLL_MS),
    SERVE_CLIENT: 'false',
    LOG_LEVEL: 'info',
    ...(config.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: config.REDIS_CLUSTER_NODES.join(',') } : {}),
  };
  return { ...pick, ...extra };
}

const profile = 'faults';

/** Resolves when the log file gains a line containing `text` (the child's own start-up message). */
async function logLine(proc: ManagedProcess, file: string, from: number, text: string): Promise<void> {
  for (;;) {
    if (proc.hasExited()) {
      const info = await proc.exited;
      const tail = (await fs.readFile(file, 'utf8')).slice(from).split('\n').slice(-20).join('\n');
      throw new Error(
        `${proc.name} exited during start-up (${info.signal ?? `code ${info.code}`}):\n${tail}`,
      );
    }
    const text_ = (await fs.readFile(file, 'utf8')).slice(from);
    if (text_.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function spawnApp(
  name: string,
  entry: string,
  env: Record<string, string>,
  readyText: string,
  url?: string,
): Promise<AppProcess> {
  const o = { root, profile };
  const logFile = await prepareLogFile(o, name);
  const from = (await fs.stat(logFile)).size;
  const proc = await spawnService(o, {
    name,
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    logFile,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
    stopTimeoutMs: 60_000,
    log: (m) => process.stdout.write(`[faults] ${m}\n`),
  });
  await logLine(proc, logFile, from, readyText);
  return {
    name,
    pid: proc.pid,
    ...(url ? { url } : {}),
    async kill() {
      if (!proc.hasExited()) process.kill(proc.pid, 'SIGKILL');
      await proc.exited;
      await proc.stop();
    },
    stop: () => proc.stop(),
  };
}

/** An API process on a free loopback port; resolves once it listens. */
export async function startApiProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  return spawnApp(
    name,
    'server/main.ts',
    { ...env, HOST: '127.0.0.1', PORT: String(port) },
    'API listening',
    `http://127.0.0.1:${port}`,
  );
}

/** A workers process (every queue, the outbox relay, the reconciler); resolves once it takes jobs. */
export async function startWorkersProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  return spawnApp(name, 'workers/main.ts', env, 'workers started');
}

/** Stops every process given, in parallel; for `finally` blocks. */
export async function stopAll(processes: Array<AppProcess | undefined>): Promise<void> {
  await Promise.allSettled(processes.map((p) => p?.stop()));
}

/** Runs a one-shot script (e.g. scripts/reindex.ts) to its end; rejects unless it exits 0. */
export async function runScript(name: string, entry: string, env: Record<string, string>): Promise<void> {
  const o = { root, profile };
  const logFile = await prepareLogFile(o, name);
  const proc = await spawnService(o, {
    name,
    command: process.execPath,
    args: ['--import', 'tsx', entry],
    logFile,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
    log: () => undefined,
  });
  const info = await proc.exited;
  await proc.stop();
  if (info.code !== 0)
    throw new Error(`${name} exited with ${info.signal ?? `code ${info.code}`} (log ${logFile})`);
}
