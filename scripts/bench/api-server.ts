/**
 * The API for the benchmark, in a worker thread of the benchmark process: its own event loop,
 * as in production (where the API is its own process), so the load generator's 32 clients do
 * not queue in front of the server's work. Receives the config as workerData, answers
 * `{ port }` once listening, closes on 'stop'.
 */
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { closeDeps, createDeps } from '../../server/platform/deps.js';
import { createLogger } from '../../server/platform/logger.js';

const config = loadConfig(workerData as Record<string, string>);
const deps = await createDeps(config, 'api', createLogger(config, 'bench-api'));
const server = createApp(deps).listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ port: (server.address() as AddressInfo).port });
});
parentPort!.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  server.close(() => {
    void closeDeps(deps).then(() => parentPort!.postMessage({ stopped: true }));
  });
});
