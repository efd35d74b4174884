/**
 * The workers for the supplier benchmark, in a worker thread of the benchmark process: its own
 * event loop, as in production, where `npm run start:workers` is a process of its own beside the
 * import CLI. Receives `{ env, withMatching }` as workerData, answers `{ ready: true }` once the
 * workers and the outbox relay run, stops on 'stop'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../../server/config.js';
import { closeDeps, createDeps } from '../../server/platform/deps.js';
import { createLogger } from '../../server/platform/logger.js';
import { createOutboxRelay } from '../../server/platform/outbox/relay.js';
import { supplierEventRoutes } from '../../server/modules/suppliers/suppliers.events.js';
import { eventRoutes } from '../../workers/event-routes.js';
import { processors } from '../../workers/processors/index.js';
import { syncSearchIndexProcessor } from '../../workers/processors/sync-search-index.js';
import { startWorkers } from '../../workers/run-workers.js';

const { env, withMatching } = workerData as { env: Record<string, string>; withMatching: boolean };
const config = loadConfig(env);
const deps = await createDeps(config, 'workers', createLogger(config, 'bench-workers'));
const workers = startWorkers(deps, withMatching ? processors : [syncSearchIndexProcessor]);
await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
const relay = createOutboxRelay(deps, withMatching ? eventRoutes : supplierEventRoutes);
relay.start();
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  void (async () => {
    await relay.stop();
    await workers.close();
    await closeDeps(deps);
    parentPort!.postMessage({ stopped: true });
  })();
});
