import net from 'node:net';
import { ensureRedis } from './binaries/redis.js';
import { releasePort } from './ports.js';
import { spawnService, waitUntil } from './processes.js';
import { setupService, withLogTail } from './service.js';
import { defaultLog, type RunningService, type StackOptions } from './types.js';

/** One RESP command over a raw socket: enough to probe readiness without a client library. */
export function redisCommand(port: number, ...parts: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(2_000, () => socket.destroy(new Error('timeout')));
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      // A bulk reply ($<bytes>) is complete only when all its bytes are in (CLUSTER INFO is long).
      const bulk = /^\$(\d+)\r\n/.exec(reply);
      const complete = bulk
        ? Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2
        : reply.endsWith('\r\n');
      if (complete) {
        socket.end();
        resolve(reply);
      }
    });
    socket.write(`*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`);
  });
}

/** redis-server with AOF persistence and noeviction (what BullMQ needs), on 127.0.0.1 only. */
export async function startRedis(o: StackOptions & { port?: number }): Promise<RunningService> {
  const { binary, version } = await ensureRedis(o.log ?? defaultLog);
  const s = await setupService(o, 'redis', o.port);
  // prettier-ignore
  const args = [
    '--port', String(s.port),
    '--bind', '127.0.0.1',
    '--dir', s.dataDir,
    '--appendonly', 'yes',
    '--maxmemory-policy', 'noeviction',
    '--save', '',
    '--daemonize', 'no',
    '--logfile', s.logFile,
  ];
  s.log(`starting redis on 127.0.0.1:${s.port} (data ${s.dataDir})`);
  const proc = await spawnService(o, {
    name: 'redis',
    command: binary,
    args,
    logFile: s.logFile,
    cwd: s.dataDir,
    stopTimeoutMs: 15_000,
    log: s.log,
    ...(s.ephemeralDir ? { ephemeralDir: s.ephemeralDir } : {}),
  });
  try {
    // -LOADING while the AOF is replayed; +PONG once it serves commands.
    await waitUntil(proc, 'PING', 60_000, async () =>
      (await redisCommand(s.port, 'PING')).startsWith('+PONG'),
    );
    s.log(`redis ${version} ready`);
    return {
      name: 'redis',
      url: `redis://127.0.0.1:${s.port}`,
      version,
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
