import mongoose from 'mongoose';
import { ensureMongod } from './binaries/mongod.js';
import { releasePort } from './ports.js';
import { sleep } from './os-process.js';
import { spawnService, waitUntil } from './processes.js';
import { portOpen, setupService, withLogTail } from './service.js';
import { defaultLog, type RunningService, type StackOptions } from './types.js';

const REPLICA_SET = 'rs0';

interface MongoError {
  code?: number;
  codeName?: string;
}

/**
 * Initiate the single-node replica set, or repair its config when the port changed since the
 * data dir was created (the config names host:port), then wait until this node is PRIMARY.
 */
async function ensurePrimary(uri: string, host: string, timeoutMs: number): Promise<string> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
    const admin = client.db('admin').admin();
    try {
      await admin.command({ replSetGetStatus: 1 });
    } catch (err) {
      const { codeName } = err as MongoError;
      if (codeName === 'NotYetInitialized') {
        await admin.command({ replSetInitiate: { _id: REPLICA_SET, members: [{ _id: 0, host }] } });
      } else if (codeName === 'InvalidReplicaSetConfig') {
        const { config } = (await admin.command({ replSetGetConfig: 1 })) as {
          config: { version: number; members: Array<{ host: string }> };
        };
        config.members = [{ ...config.members[0], host }];
        config.version += 1;
        await admin.command({ replSetReconfig: config, force: true });
      } else {
        throw err;
      }
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hello = (await admin.command({ hello: 1 })) as { isWritablePrimary?: boolean };
      if (hello.isWritablePrimary) break;
      if (Date.now() > deadline) throw new Error(`mongodb: not PRIMARY after ${timeoutMs} ms`);
      await sleep(100);
    }
    const info = (await admin.command({ buildInfo: 1 })) as { version: string };
    return info.version;
  } finally {
    await client.close();
  }
}

/** mongod as a single-node replica set rs0, initiated and PRIMARY. */
export async function startMongo(o: StackOptions & { port?: number }): Promise<RunningService> {
  const { binary } = await ensureMongod(o.root, o.log ?? defaultLog);
  const s = await setupService(o, 'mongodb', o.port);
  // prettier-ignore
  const args = [
    '--dbpath', s.dataDir,
    '--port', String(s.port),
    '--bind_ip', '127.0.0.1',
    '--replSet', REPLICA_SET,
    '--nounixsocket',
    // mongod would size its cache at half the machine's memory; a dev/test box runs more than us.
    '--wiredTigerCacheSizeGB', String(o.mongoCacheGB ?? (o.ephemeral ? 0.25 : 1)),
    '--setParameter', 'diagnosticDataCollectionEnabled=false',
  ];
  s.log(`starting mongodb on 127.0.0.1:${s.port} (data ${s.dataDir})`);
  const proc = await spawnService(o, {
    name: 'mongodb',
    command: binary,
    args,
    logFile: s.logFile,
    cwd: s.dataDir,
    stopTimeoutMs: 30_000,
    log: s.log,
    ...(s.ephemeralDir ? { ephemeralDir: s.ephemeralDir } : {}),
  });
  const host = `127.0.0.1:${s.port}`;
  const url = `mongodb://${host}/?replicaSet=${REPLICA_SET}&directConnection=true`;
  try {
    await waitUntil(proc, 'its port', 60_000, () => portOpen(s.port));
    const version = await Promise.race([
      ensurePrimary(`mongodb://${host}/?directConnection=true`, host, 60_000),
      proc.exited.then((info) => {
        throw new Error(`mongodb exited during replica-set setup (${info.signal ?? `code ${info.code}`})`);
      }),
    ]);
    s.log(`mongodb ${version} ready (PRIMARY of ${REPLICA_SET})`);
    return {
      name: 'mongodb',
      url,
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
