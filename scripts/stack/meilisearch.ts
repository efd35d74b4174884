import path from 'node:path';
import { ensureMeilisearch } from './binaries/meilisearch.js';
import { releasePort } from './ports.js';
import { spawnService, waitUntil } from './processes.js';
import { setupService, withLogTail } from './service.js';
import { defaultLog, type RunningService, type StackOptions } from './types.js';

async function healthy(url: string): Promise<boolean> {
  const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
  if (!res.ok) return false;
  const body = (await res.json()) as { status?: string };
  return body.status === 'available';
}

/** Meilisearch on a free port, ready once /health answers "available". */
export async function startMeilisearch(
  o: StackOptions & { port?: number; masterKey: string },
): Promise<RunningService> {
  const { binary } = await ensureMeilisearch(o.root, o.log ?? defaultLog);
  const s = await setupService(o, 'meilisearch', o.port);
  const url = `http://127.0.0.1:${s.port}`;
  // prettier-ignore
  const args = [
    '--db-path', path.join(s.dataDir, 'data.ms'),
    '--dump-dir', path.join(s.dataDir, 'dumps'),
    '--snapshot-dir', path.join(s.dataDir, 'snapshots'),
    '--http-addr', `127.0.0.1:${s.port}`,
    '--master-key', o.masterKey,
    '--env', 'development',
    '--no-analytics',
    ...(o.meiliIndexingThreads ? ['--max-indexing-threads', String(o.meiliIndexingThreads)] : []),
  ];
  s.log(`starting meilisearch on ${url} (data ${s.dataDir})`);
  const proc = await spawnService(o, {
    name: 'meilisearch',
    command: binary,
    args,
    logFile: s.logFile,
    stopTimeoutMs: 15_000,
    log: s.log,
    // Meilisearch reads MEILI_* variables and ./config.toml as configuration: give it neither.
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MEILI_'))),
    cwd: s.dataDir,
    ...(s.ephemeralDir ? { ephemeralDir: s.ephemeralDir } : {}),
  });
  try {
    await waitUntil(proc, '/health', 60_000, () => healthy(url));
    const res = await fetch(`${url}/version`, { headers: { Authorization: `Bearer ${o.masterKey}` } });
    if (!res.ok) throw new Error(`meilisearch: GET /version answered ${res.status}`);
    const { pkgVersion } = (await res.json()) as { pkgVersion: string };
    s.log(`meilisearch ${pkgVersion} ready`);
    return {
      name: 'meilisearch',
      url,
      version: pkgVersion,
      pid: proc.pid,
      stop: async () => {
        await proc.stop();
        releasePort(s.port);
      },
    };
  } catch (err) {
    await proc.stop();
    throw await withLogTail(err, o.root, s.logFile);
  }
}
