import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';
import { hashPassword } from '../../../server/modules/accounts/passwords.js';
import { createUsersRepository } from '../../../server/modules/accounts/users.repository.js';
import { closeDeps, createDeps, type Deps } from '../../../server/platform/deps.js';
import { syncAllIndexes } from '../../../server/platform/indexes.js';
import { createLogger } from '../../../server/platform/logger.js';
import { ensureAllSearchIndexes } from '../../../server/search-indexes.js';
import { startBackground } from '../../../workers/background.js';
import { processors } from '../../../workers/processors/index.js';
import { startWorkers } from '../../../workers/run-workers.js';
import { freePort, startStack, type Stack } from '../../../scripts/stack/index.js';

/** What the journeys get through process.env (set by the global setup). */
export interface E2eEnv {
  E2E_BASE_URL: string;
  E2E_ADMIN_EMAIL: string;
  E2E_ADMIN_PASSWORD: string;
  MAIL_CATCHER_URL: string;
}

export interface RunningE2e {
  env: E2eEnv & Record<string, string>;
  stop(): Promise<void>;
}

export const ADMIN_PASSWORD = 'Hjortron-och-lingon-2026';

/**
 * The real stack for the end-to-end tests, in the jest parent process: throwaway MongoDB,
 * Meilisearch, Redis and SMTP sink; the API (createApp, serving client/dist) on a free loopback
 * port; and the workers (BullMQ processors + outbox relay) in the same process, as
 * `workers/main.ts` runs them. Emailed links point at the API's own origin.
 */
export async function startE2e(root: string, log: (msg: string) => void): Promise<RunningE2e> {
  const stack: Stack = await startStack({
    root,
    profile: 'e2e',
    ephemeral: true,
    meiliMasterKey: randomBytes(24).toString('hex'),
    env: {},
    log: (msg) => log(`[services] ${msg}`),
  });
  let deps: Deps | undefined;
  let workerDeps: Deps | undefined;
  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      ...process.env,
      ...stack.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
      PUBLIC_BASE_URL: baseUrl,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      MONGODB_DB: 'bt_e2e',
      MEILI_INDEX_PREFIX: 'e2e_',
      QUEUE_PREFIX: 'bt_e2e',
      SERVE_CLIENT: 'true',
      CLIENT_DIST_DIR: path.join(root, 'client', 'dist'),
      OUTBOX_POLL_MS: '50',
    });
    deps = await createDeps(config, 'api', createLogger(config, 'e2e-api'));
    const app = createApp(deps);
    await syncAllIndexes(deps);
    await ensureAllSearchIndexes(deps);

    workerDeps = await createDeps(config, 'workers', createLogger(config, 'e2e-workers'));
    const background = await startBackground(workerDeps);
    const workers = startWorkers(workerDeps, processors);
    await Promise.all(workers.workers.map((w) => w.waitUntilReady()));

    const adminEmail = 'admin@e2e.behovstorget.se';
    await createUsersRepository(deps.mongo).create({
      email: adminEmail,
      passwordHash: await hashPassword(ADMIN_PASSWORD),
      language: 'sv',
      name: 'Astrid Admin',
      isAdmin: true,
      emailVerifiedAt: new Date(),
    });

    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
      s.on('error', reject);
    });
    log(`API and workers on ${baseUrl} (port ${(server.address() as AddressInfo).port})`);

    const apiDeps = deps;
    const wDeps = workerDeps;
    return {
      env: {
        ...stack.env,
        E2E_BASE_URL: baseUrl,
        E2E_ADMIN_EMAIL: adminEmail,
        E2E_ADMIN_PASSWORD: ADMIN_PASSWORD,
        MAIL_CATCHER_URL: stack.env.MAIL_CATCHER_URL ?? '',
      },
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await background.stop();
        await workers.close();
        await closeDeps(wDeps);
        await closeDeps(apiDeps);
        await stack.stop();
      },
    };
  } catch (err) {
    if (workerDeps) await closeDeps(workerDeps).catch(() => undefined);
    if (deps) await closeDeps(deps).catch(() => undefined);
    await stack.stop();
    throw err;
  }
}
