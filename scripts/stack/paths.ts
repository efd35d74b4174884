import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StackOptions } from './types.js';

export const cacheBinDir = (root: string): string => path.join(root, '.cache', 'bin');
export const profileDir = (o: StackOptions): string => path.join(o.root, '.data', o.profile);
export const runDir = (o: StackOptions): string => path.join(profileDir(o), 'run');
export const logsDir = (o: StackOptions): string => path.join(profileDir(o), 'logs');

/**
 * Where a service keeps its data: `.data/<profile>/<name>`, or a fresh tmp folder when
 * ephemeral (the caller deletes it on stop).
 */
export async function serviceDataDir(o: StackOptions, name: string): Promise<string> {
  if (o.ephemeral) {
    return fs.mkdtemp(path.join(os.tmpdir(), `behovstorget-${o.profile}-${name}-`));
  }
  const dir = path.join(profileDir(o), name);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

const MAX_LOG_BYTES = 10 * 1024 * 1024;

/**
 * Log file of a service, opened for appending with a start marker. Logs stay in
 * `.data/<profile>/logs/` even for ephemeral runs, so a failed CI run can be read afterwards;
 * one older generation is kept when the file grows past 10 MB.
 */
export async function prepareLogFile(o: StackOptions, name: string): Promise<string> {
  await fs.mkdir(logsDir(o), { recursive: true });
  const file = path.join(logsDir(o), `${name}.log`);
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_LOG_BYTES) await fs.rename(file, `${file}.1`);
  } catch {
    // no log yet
  }
  await fs.appendFile(file, `\n===== ${new Date().toISOString()} start (owner pid ${process.pid}) =====\n`);
  return file;
}

export async function tailFile(file: string, lines = 25): Promise<string> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
