import fsp from 'node:fs/promises';
import path from 'node:path';
import { commandLine, isAlive, signalTree, sleep } from './os-process.js';
import { removeDir, runDir } from './paths.js';
import type { Logger, StackOptions } from './types.js';

// Pid files: .data/<profile>/run/<name>-<pid>.json, one per child, so a crashed run's services
// are found and stopped at the next start (when even the watchdog did not get to do it).

interface PidRecord {
  name: string;
  pid: number;
  owner: number;
  match: string;
  startedAt: string;
  ephemeralDir?: string;
}

function ownerAlive(owner: number): boolean {
  if (owner === process.pid) return true;
  if (!isAlive(owner)) return false;
  const cmd = commandLine(owner);
  return cmd === undefined || /node|tsx|jest/.test(cmd);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Stop leftovers of `name` from runs whose owner process is gone. Returns the records of
 * instances that are still legitimately running (their owner is alive).
 */
export async function reapStale(o: StackOptions, name: string, log: Logger): Promise<PidRecord[]> {
  const dir = runDir(o);
  let files: string[] = [];
  try {
    files = (await fsp.readdir(dir)).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.json'));
  } catch {
    return [];
  }
  const live: PidRecord[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    let rec: PidRecord;
    try {
      rec = JSON.parse(await fsp.readFile(full, 'utf8')) as PidRecord;
    } catch {
      continue; // being written or removed by someone else
    }
    if (ownerAlive(rec.owner)) {
      if (isAlive(rec.pid)) live.push(rec);
      continue;
    }
    if (isAlive(rec.pid) && commandLine(rec.pid)?.includes(rec.match)) {
      log(`stopping stale ${name} (pid ${rec.pid}) left by dead process ${rec.owner}`);
      signalTree(rec.pid, 'SIGTERM');
      if (!(await waitForExit(rec.pid, 15_000))) {
        signalTree(rec.pid, 'SIGKILL');
        await waitForExit(rec.pid, 5_000);
      }
    }
    if (rec.ephemeralDir) await removeDir(rec.ephemeralDir);
    await fsp.rm(full, { force: true });
  }
  return live;
}

/** Record a running service in .data/<profile>/run; returns the file to delete when it stops. */
export async function writePidFile(
  o: StackOptions,
  name: string,
  pid: number,
  match: string,
  ephemeralDir?: string,
): Promise<string> {
  const pidFile = path.join(runDir(o), `${name}-${pid}.json`);
  await fsp.mkdir(runDir(o), { recursive: true });
  const record: PidRecord = {
    name,
    pid,
    owner: process.pid,
    match,
    startedAt: new Date().toISOString(),
    ...(ephemeralDir ? { ephemeralDir } : {}),
  };
  await fsp.writeFile(pidFile, `${JSON.stringify(record)}\n`);
  return pidFile;
}

/** Reap stale instances, and refuse to run two instances of a service on one persistent data dir. */
export async function claimService(o: StackOptions, name: string, log: Logger): Promise<void> {
  const live = await reapStale(o, name, log);
  const clash = live.find((r) => !r.ephemeralDir);
  if (!o.ephemeral && clash) {
    throw new Error(
      `${name} of profile "${o.profile}" is already running (pid ${clash.pid}, started by pid ${clash.owner} ` +
        `at ${clash.startedAt}). Stop that process first, or use another profile.`,
    );
  }
}
