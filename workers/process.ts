import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { closeDeps, createDeps } from '../server/platform/deps.js';
import { syncAllIndexes } from '../server/platform/indexes.js';
import { createLogger } from '../server/platform/logger.js';
import { startBackground } from './background.js';
import type { Processor } from './define-worker.js';
import { startWorkers } from './run-workers.js';

/**
 * The workers process: same deps as the API, one BullMQ worker per queue, background loops.
 * On SIGTERM/SIGINT it stops taking jobs, lets the jobs in hand finish, closes connections
 * and exits 0.
 */
export async function runWorkersProcess(
  processors: Processor[],
  name = 'behovstorget-workers',
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config, name);
  const deps = await createDeps(config, 'workers', logger);
  const background = await startBackground(deps);
  await syncAllIndexes(deps);
  const workers = startWorkers(deps, processors);
  logger.info({ queues: workers.workers.map((w) => w.name) }, 'workers started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the jobs in hand');
    const force = setTimeout(() => {
      logger.warn('jobs did not finish in time; exiting (they will be retried: processors are idempotent)');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS * 3);
    force.unref();
    await background.stop();
    await workers.close();
    await closeDeps(deps);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
