import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { closeDeps, createDeps } from './platform/deps.js';
import { syncAllIndexes } from './platform/indexes.js';
import { ensureAllSearchIndexes } from './search-indexes.js';
import { createLogger } from './platform/logger.js';
import { version } from './version.js';

/** Composition root: config -> connect -> createApp(deps) -> listen; SIGTERM drains. */
async function main() {
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
  const logger = createLogger(config, 'behovstorget-api');
  const deps = await createDeps(config, 'api', logger);
  const app = createApp(deps);
  // After createApp: building the routes registers every model on the connection.
  await syncAllIndexes(deps);
  // Search may be down at start-up: the API still serves (search degrades to MongoDB).
  await ensureAllSearchIndexes(deps).catch((err: unknown) =>
    logger.warn(
      { err: err instanceof Error ? err.message : err },
      'search indexes not ensured; Meilisearch unavailable',
    ),
  );
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, version }, `API listening on http://${config.HOST}:${config.PORT}`);
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'HTTP server failed');
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; closing anyway');
      server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // close() stops accepting and resolves once in-flight requests are done; idle keep-alive
    // sockets are closed at once so they do not hold the process open.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await closeDeps(deps);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('API failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
