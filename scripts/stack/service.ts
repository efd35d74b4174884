import net from 'node:net';
import path from 'node:path';
import { prepareLogFile, profileDir, serviceDataDir, tailFile } from './paths.js';
import { reservePort } from './ports.js';
import { claimService } from './pid-files.js';
import { defaultLog, type Logger, type StackOptions } from './types.js';

export interface ServiceSetup {
  log: Logger;
  dataDir: string;
  logFile: string;
  port: number;
  /** Ephemeral data dir to delete on stop. */
  ephemeralDir?: string;
}

/**
 * What every child-process service needs before it spawns: stale instances stopped, a data dir,
 * a log file and a port (the one remembered for persistent profiles when it is still free).
 */
export async function setupService(
  o: StackOptions,
  name: string,
  explicitPort: number | undefined,
): Promise<ServiceSetup> {
  const log = o.log ?? defaultLog;
  await claimService(o, name, log);
  const [dataDir, logFile] = await Promise.all([serviceDataDir(o, name), prepareLogFile(o, name)]);
  const port = await reservePort(o.ephemeral ? undefined : profileDir(o), name, explicitPort);
  return { log, dataDir, logFile, port, ...(o.ephemeral ? { ephemeralDir: dataDir } : {}) };
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A start-up error with the end of the service's log, which usually says what went wrong. */
export async function withLogTail(err: unknown, root: string, logFile: string): Promise<Error> {
  const message = err instanceof Error ? err.message : String(err);
  const tail = await tailFile(logFile, 15);
  return new Error(`${message}\n--- last lines of ${path.relative(root, logFile)} ---\n${tail}`);
}
