import path from 'node:path';
import mongoose from 'mongoose';
import { ensureMongod } from './binaries/mongod.js';
import { sleep } from './os-process.js';
import { removeDir } from './paths.js';
import { releasePort } from './ports.js';
import { spawnService, waitUntil, type ManagedProcess } from './processes.js';
import { portOpen, setupService, withLogTail } from './service.js';
import { defaultLog, type RunningService, type StackOptions } from './types.js';
import { guardPaths, unguardPaths } from './watchdog-client.js';

const REPLICA_SET = 'rs0';

export interface ReplicaMember {
  index: number;
  host: string;
  port: number;
  pid(): number | undefined;
  running(): boolean;
  /** SIGKILL, as a crash: no step-down, no clean shutdown. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the member again on its port and data dir (it rejoins as a secondary). */
  start(): Promise<void>;
}

export interface MongoReplicaSet extends RunningService {
  members: ReplicaMember[];
  /** The member that answers `hello` as writable primary now, waiting for an election if needed. */
  waitForPrimary(options?: { not?: ReplicaMember; timeoutMs?: number }): Promise<ReplicaMember>;
}

export interface ReplicaSetOptions extends StackOptions {
  members?: number;
  /**
   * How long secondaries wait for a silent primary before calling an election. MongoDB's default
   * is 10 s; fault tests lower it so an election takes seconds, not the default's 11–12 s.
   */
  electionTimeoutMs?: number;
}

interface Hello {
  isWritablePrimary?: boolean;
  me?: string;
}

async function hello(port: number): Promise<Hello | undefined> {
  const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
    serverSelectionTimeoutMS: 1_000,
    connectTimeoutMS: 1_000,
  });
  try {
    await client.connect();
    return (await client.db('admin').command({ hello: 1 })) as Hello;
  } catch {
    return undefined;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function initiate(port: number, hosts: string[], electionTimeoutMs?: number): Promise<void> {
  const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
    serverSelectionTimeoutMS: 5_000,
  });
  try {
    await client.connect();
    const admin = client.db('admin').admin();
    try {
      await admin.command({ replSetGetStatus: 1 });
      return; // a persistent profile initiated it on an earlier run
    } catch (err) {
      const { codeName } = err as { codeName?: string };
      if (codeName === 'InvalidReplicaSetConfig') {
        // The ports changed since the data dirs were made (the config names host:port).
        const { config } = (await admin.command({ replSetGetConfig: 1 })) as {
          config: { version: number; members: Array<{ _id: number; host: string }> };
        };
        config.members = hosts.map((host, i) => ({ ...config.members[i], _id: i, host }));
        config.version += 1;
        await admin.command({ replSetReconfig: config, force: true });
        return;
      }
      if (codeName !== 'NotYetInitialized') throw err;
    }
    await admin.command({
      replSetInitiate: {
        _id: REPLICA_SET,
        members: hosts.map((host, i) => ({ _id: i, host })),
        ...(electionTimeoutMs ? { settings: { electionTimeoutMillis: electionTimeoutMs } } : {}),
      },
    });
  } finally {
    await client.close();
  }
}

/**
 * A replica set of `members` mongod processes (default 3) on loopback ports, initiated with every
 * member and waited on until one is PRIMARY. Members can be killed and restarted one by one,
 * which is what the fault tests need; the data dirs outlive a member's restart and are removed
 * (ephemeral profiles) when the set stops, or by the watchdog when the caller dies.
 */
export async function startMongoReplicaSet(o: ReplicaSetOptions): Promise<MongoReplicaSet> {
  const log = o.log ?? defaultLog;
  const count = o.members ?? 3;
  const { binary } = await ensureMongod(o.root, log);
  const setups = await Promise.all(
    Array.from({ length: count }, (_, i) => setupService(o, `mongodb-${i}`, undefined)),
  );
  const guardKey = `mongo-rs-${process.pid}-${setups[0]!.port}`;
  const dirs = setups.flatMap((s) => (s.ephemeralDir ? [s.ephemeralDir] : []));
  if (dirs.length) guardPaths(o.root, guardKey, { dirs });
  const procs: Array<ManagedProcess | undefined> = [];
  const hosts = setups.map((s) => `127.0.0.1:${s.port}`);

  const spawnMember = async (i: number): Promise<void> => {
    const s = setups[i]!;
    // prettier-ignore
    const args = [
      '--dbpath', s.dataDir,
      '--port', String(s.port),
      '--bind_ip', '127.0.0.1',
      '--replSet', REPLICA_SET,
      '--nounixsocket',
      '--wiredTigerCacheSizeGB', String(o.mongoCacheGB ?? (o.ephemeral ? 0.25 : 1)),
      '--setParameter', 'diagnosticDataCollectionEnabled=false',
    ];
    // No ephemeralDir here: a killed member must come back on the same data.
    const proc = await spawnService(o, {
      name: `mongodb-${i}`,
      command: binary,
      args,
      logFile: s.logFile,
      cwd: s.dataDir,
      stopTimeoutMs: 30_000,
      log: s.log,
    });
    procs[i] = proc;
    await waitUntil(proc, 'its port', 60_000, () => portOpen(s.port));
  };

  const members: ReplicaMember[] = setups.map((s, i) => ({
    index: i,
    host: hosts[i]!,
    port: s.port,
    pid: () => procs[i]?.pid,
    running: () => Boolean(procs[i] && !procs[i]!.hasExited()),
    async kill() {
      const proc = procs[i];
      if (!proc) return;
      process.kill(proc.pid, 'SIGKILL');
      await proc.exited;
      await proc.stop(); // removes its pid file and watchdog entry
      procs[i] = undefined;
    },
    start: () => spawnMember(i),
  }));

  const waitForPrimary: MongoReplicaSet['waitForPrimary'] = async ({ not, timeoutMs = 120_000 } = {}) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const m of members) {
        if (m === not || !m.running()) continue;
        if ((await hello(m.port))?.isWritablePrimary) return m;
      }
      if (Date.now() > deadline) throw new Error(`mongodb replica set: no primary after ${timeoutMs} ms`);
      await sleep(200);
    }
  };

  const stop = async (): Promise<void> => {
    await Promise.all(procs.map((p) => p?.stop()));
    for (const s of setups) {
      releasePort(s.port);
      if (s.ephemeralDir) await removeDir(s.ephemeralDir);
    }
    if (dirs.length) unguardPaths(guardKey);
  };

  try {
    log(`starting a mongodb replica set of ${count} on ${hosts.join(', ')}`);
    await Promise.all(members.map((_, i) => spawnMember(i)));
    await initiate(setups[0]!.port, hosts, o.electionTimeoutMs);
    await waitForPrimary();
    const client = new mongoose.mongo.MongoClient(`mongodb://${hosts.join(',')}/?replicaSet=${REPLICA_SET}`);
    let version = 'unknown';
    try {
      await client.connect();
      version = String(((await client.db('admin').command({ buildInfo: 1 })) as { version: string }).version);
    } finally {
      await client.close();
    }
    log(`mongodb ${version} replica set ${REPLICA_SET} ready (${count} members)`);
    return {
      name: 'mongodb',
      url: `mongodb://${hosts.join(',')}/?replicaSet=${REPLICA_SET}`,
      version,
      pid: procs[0]?.pid,
      members,
      waitForPrimary,
      stop,
    };
  } catch (err) {
    await stop();
    throw await withLogTail(err, o.root, path.join(setups[0]!.logFile));
  }
}
