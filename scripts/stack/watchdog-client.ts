// Client side of watchdog.mjs: it makes children die with this process, even when this process
// is killed with SIGKILL, and deletes their ephemeral data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import path from 'node:path';

interface GuardEntry {
  pid?: number;
  group?: boolean;
  /** Substring of the child's command line, so a recycled pid is never killed. */
  match?: string;
  pidFile?: string;
  dirs?: string[];
}

let watchdog: ChildProcess | undefined;

function watchdogProcess(root: string): ChildProcess | undefined {
  if (watchdog?.stdin?.writable) return watchdog;
  const script = path.join(root, 'scripts', 'stack', 'watchdog.mjs');
  if (!fs.existsSync(script)) return undefined;
  watchdog = spawn(process.execPath, [script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  watchdog.unref();
  // The pipe must not keep this process alive: its closing is the signal the watchdog waits for.
  (watchdog.stdin as unknown as net.Socket | null)?.unref();
  return watchdog;
}

/** Ask the watchdog to stop `entry.pid` if this process dies without stopping it first. */
export function guardChild(root: string, entry: GuardEntry): void {
  watchdogProcess(root)?.stdin?.write(`${JSON.stringify({ op: 'add', key: entry.pid, ...entry })}\n`);
}

export function unguardChild(pid: number): void {
  if (watchdog?.stdin?.writable) watchdog.stdin.write(`${JSON.stringify({ op: 'del', key: pid })}\n`);
}

/** Ask the watchdog to delete these paths if this process dies without deleting them first. */
export function guardPaths(root: string, key: string, paths: { dirs?: string[]; pidFile?: string }): void {
  watchdogProcess(root)?.stdin?.write(`${JSON.stringify({ op: 'add', key, ...paths })}\n`);
}

export function unguardPaths(key: string): void {
  if (watchdog?.stdin?.writable) watchdog.stdin.write(`${JSON.stringify({ op: 'del', key })}\n`);
}
