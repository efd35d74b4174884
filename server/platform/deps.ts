import type { Connection } from 'mongoose';
import type { Config } from '../config.js';
import { createHttpEmbedder, type Embedder } from './embeddings/index.js';
import { createLogger, type Logger } from './logger.js';
import { createMailer, type Mailer } from './mailer.js';
import { connectMongo } from './mongo.js';
import { createQueues, type Queues } from './queue/queues.js';
import { createRedis, type RedisClient } from './redis.js';
import { createSearch, type Search } from './search/client.js';

/** Everything a process talks to. Built once in each main.ts (and per test file), passed down. */
export interface Deps {
  config: Config;
  logger: Logger;
  mongo: Connection;
  redis: RedisClient;
  search: Search;
  mailer: Mailer;
  queues: Queues;
  /** Sentence embeddings for hybrid search (EMBEDDINGS_URL; `off` gives one that always fails). */
  embedder: Embedder;
}

export async function createDeps(config: Config, role: 'api' | 'workers', logger?: Logger): Promise<Deps> {
  const log = logger ?? createLogger(config, `behovstorget-${role}`);
  const redis = createRedis(config, role === 'api' ? 'http' : 'worker', `bt-${role}`);
  const mongo = await connectMongo(config);
  return {
    config,
    logger: log,
    mongo,
    redis,
    search: createSearch(config),
    mailer: createMailer(config),
    queues: createQueues(config, redis),
    embedder: createHttpEmbedder(config),
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await Promise.allSettled([deps.queues.close()]);
  deps.mailer.close();
  await Promise.allSettled([deps.mongo.close(), deps.redis.quit().catch(() => deps.redis.disconnect())]);
}
