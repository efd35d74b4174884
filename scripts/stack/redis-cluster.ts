import path from 'node:path';
import { ensureRedis } from './binaries/redis.js';
import { run } from './binaries/exec.js';
import { sleep } from './os-process.js';
import { releasePort } from './ports.js';
import { spawnService, waitUntil, type ManagedProcess } from './processes.js';
import { redisCommand } from './redis.js';
import { setupService, withLogTail } from './service.js';
import { defaultLog, type RunningService, type StackOptions } from './types.js';

export interface RedisCluster extends RunningService {
  /** host:port of every master, for REDIS_CLUSTER_NODES. */
  nodes: string[];
}

/**
 * A Redis Cluster of `masters` redis-server processes (default 3, no replicas) on loopback
 * ports: each with `--cluster-enabled yes`, then `redis-cli --cluster create` assigns the 16,384
 * slots. Resolves once every node reports `cluster_state:ok`. Same persistence settings as the
 * single node (AOF, noeviction), which BullMQ needs on every shard.
 */
export async function startRedisCluster(o: StackOptions & { masters?: number }): Promise<RedisCluster> {
  const log = o.log ?? defaultLog;
  const count = o.masters ?? 3;
  const { binary, version } = await ensureRedis(log);
  const cli = path.join(path.dirname(binary), 'redis-cli');
  const setups = await Promise.all(
    Array.from({ length: count }, (_, i) => setupService(o, `redis-cluster-${i}`, undefined)),
  );
  const procs: ManagedProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(procs.map((p) => p.stop()));
    for (const s of setups) releasePort(s.port);
  };
  const nodes = setups.map((s) => `127.0.0.1:${s.port}`);
  try {
    log(`starting a redis cluster of ${count} masters on ${nodes.join(', ')}`);
    await Promise.all(
      setups.map(async (s, i) => {
        // prettier-ignore
        const args = [
          '--port', String(s.port),
          '--bind', '127.0.0.1',
          '--dir', s.dataDir,
          '--cluster-enabled', 'yes',
          '--cluster-config-file', 'nodes.conf',
          '--cluster-node-timeout', '5000',
          '--appendonly', 'yes',
          '--maxmemory-policy', 'noeviction',
          '--save', '',
          '--daemonize', 'no',
          '--logfile', s.logFile,
        ];
        const proc = await spawnService(o, {
          name: `redis-cluster-${i}`,
          command: binary,
          args,
          logFile: s.logFile,
          cwd: s.dataDir,
          stopTimeoutMs: 15_000,
          log: s.log,
          ...(s.ephemeralDir ? { ephemeralDir: s.ephemeralDir } : {}),
        });
        procs.push(proc);
        await waitUntil(proc, 'PING', 60_000, async () =>
          (await redisCommand(s.port, 'PING')).startsWith('+PONG'),
        );
      }),
    );
    const info = await redisCommand(setups[0]!.port, 'CLUSTER', 'INFO');
    // A persistent profile's nodes.conf already has the slots; gossip then brings the state to ok.
    if (!info.includes('cluster_slots_assigned:16384')) {
      const created = await run(
        cli,
        ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'],
        {
          timeoutMs: 60_000,
        },
      );
      if (created.code !== 0)
        throw new Error(`redis-cli --cluster create failed:\n${created.stdout}${created.stderr}`);
    }
    // Slots are assigned at once, but each node learns the others' slots through gossip.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const states = await Promise.all(setups.map((s) => redisCommand(s.port, 'CLUSTER', 'INFO')));
      if (states.every((st) => st.includes('cluster_state:ok'))) break;
      if (Date.now() > deadline) throw new Error('redis cluster: cluster_state not ok after 60 s');
      await sleep(100);
    }
    log(`redis ${version} cluster ready (${count} masters)`);
    return {
      name: 'redis',
      url: `redis://${nodes[0]}`,
      version,
      pid: procs[0]?.pid,
      nodes,
      stop,
    };
  } catch (err) {
    await stop();
    throw await withLogTail(err, o.root, setups[0]!.logFile);
  }
}
