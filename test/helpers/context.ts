import { randomBytes, randomUUID } from 'node:crypto';
import supertest from 'supertest';
import type { Express } from 'express';
import { createApp, type AppOptions } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { closeDeps, createDeps, type Deps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { createLogger } from '../../server/platform/logger.js';
import { ensureAllSearchIndexes } from '../../server/search-indexes.js';

export interface TestContext {
  config: Config;
  deps: Deps;
  app: Express;
  /** A supertest client bound to the app. */
  http: () => supertest.Agent;
  /** Empties this file's database collections, search indexes and queues. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The per-test-file environment: its own database, Meilisearch index prefix and BullMQ prefix on
 * the shared real services, so files can run in parallel without seeing each other's data.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const id = `${process.env.JEST_WORKER_ID ?? '0'}_${randomUUID().slice(0, 8)}`;
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: 'http://localhost:3000',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    MONGODB_DB: `bt_test_${id}`,
    MEILI_INDEX_PREFIX: `t${id}_`,
    QUEUE_PREFIX: `bt_test_${id}`,
    SERVE_CLIENT: 'false',
    OUTBOX_POLL_MS: '50',
    ...overrides,
  });
}

export async function createTestContext(
  options: AppOptions & { env?: Record<string, string> } = {},
): Promise<TestContext> {
  const config = testConfig(options.env);
  const deps = await createDeps(config, 'api', createLogger(config, 'test'));
  const app = createApp(deps, options);
  await syncAllIndexes(deps);
  await ensureAllSearchIndexes(deps);
  return {
    config,
    deps,
    app,
    http: () => supertest.agent(app),
    async reset() {
      const db = deps.mongo.db;
      if (db) {
        const collections = await db.collections();
        await Promise.all(collections.map((c) => c.deleteMany({})));
      }
      const { results } = await deps.search.client.getIndexes({ limit: 1000 });
      await Promise.all(
        results
          .filter((i) => i.uid.startsWith(config.MEILI_INDEX_PREFIX))
          .map((i) => deps.search.client.index(i.uid).deleteAllDocuments().waitTask({ timeout: 60_000 })),
      );
      await Promise.all(deps.queues.all().map((q) => q.obliterate({ force: true })));
    },
    async close() {
      await deps.mongo.db?.dropDatabase().catch(() => undefined);
      const { results } = await deps.search.client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] }));
      await Promise.all(
        results
          .filter((i) => i.uid.startsWith(config.MEILI_INDEX_PREFIX))
          .map((i) =>
            deps.search.client
              .deleteIndex(i.uid)
              .waitTask()
              .catch(() => undefined),
          ),
      );
      await Promise.all(deps.queues.all().map((q) => q.obliterate({ force: true }).catch(() => undefined)));
      await closeDeps(deps);
    },
  };
}

export { randomUUID };
