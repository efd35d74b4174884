import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { signalTree, sleep, within } from './os-process.js';
import { removeDir } from './paths.js';
import { writePidFile } from './pid-files.js';
import type { Logger, StackOptions } from './types.js';
import { guardChild, unguardChild } from './watchdog-client.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ManagedProcess {
  name: string;
  pid: number;
  exited: Promise<ExitInfo>;
  hasExited(): boolean;
  /** SIGTERM, wait up to timeoutMs, then SIGKILL; removes pid file and ephemeral data. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface SpawnServiceOptions {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Deleted after the process has stopped. */
  ephemeralDir?: string;
  stopTimeoutMs?: number;
  log: Logger;
}

const managed = new Set<ManagedProcess>();

/** SIGKILL every service this process started, now (second Ctrl-C). */
export function killAllNow(): void {
  for (const p of managed) if (!p.hasExited()) signalTree(p.pid, 'SIGKILL');
}

export async function spawnService(o: StackOptions, s: SpawnServiceOptions): Promise<ManagedProcess> {
  const out = fs.openSync(s.logFile, 'a');
  let child: ChildProcess;
  try {
    // Detached: its own process group, so a Ctrl-C in the terminal reaches only the parent,
    // which then stops everything in order.
    child = spawn(s.command, s.args, {
      detached: true,
      stdio: ['ignore', out, out],
      env: s.env ?? process.env,
      cwd: s.cwd ?? o.root,
    });
  } finally {
    fs.closeSync(out);
  }
  let exitInfo: ExitInfo | undefined;
  let stopping = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => {
      exitInfo = { code: null, signal: null, error };
      resolve(exitInfo);
    });
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      if (!stopping) s.log(`${s.name} (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`})`);
      resolve(exitInfo);
    });
  });
  child.unref();
  if (!child.pid) {
    const info = await exited;
    throw new Error(`could not start ${s.name} (${s.command}): ${info.error?.message ?? 'unknown error'}`);
  }
  const pid = child.pid;
  const match = path.basename(s.command);
  const pidFile = await writePidFile(o, s.name, pid, match, s.ephemeralDir);
  guardChild(o.root, { pid, group: true, match, pidFile, dirs: s.ephemeralDir ? [s.ephemeralDir] : [] });

  let stopPromise: Promise<void> | undefined;
  const proc: ManagedProcess = {
    name: s.name,
    pid,
    exited,
    hasExited: () => exitInfo !== undefined,
    stop(timeoutMs = s.stopTimeoutMs ?? 15_000) {
      stopPromise ??= (async () => {
        stopping = true;
        if (!exitInfo) {
          signalTree(pid, 'SIGTERM');
          if (!(await within(exited, timeoutMs))) {
            s.log(`${s.name} (pid ${pid}) did not stop within ${timeoutMs} ms: SIGKILL`);
            signalTree(pid, 'SIGKILL');
            await within(exited, 5_000);
          }
        }
        unguardChild(pid);
        managed.delete(proc);
        await fsp.rm(pidFile, { force: true });
        if (s.ephemeralDir) await removeDir(s.ephemeralDir);
      })();
      return stopPromise;
    },
  };
  managed.add(proc);
  return proc;
}

/** Resolve when `check` returns true; reject when the process exits or the time is up. */
export async function waitUntil(
  proc: ManagedProcess,
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.hasExited()) {
      const info = await proc.exited;
      throw new Error(
        `${proc.name} exited before it was ready (${info.error?.message ?? info.signal ?? `code ${info.code}`})`,
      );
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${proc.name}: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
