import { processors } from './processors/index.js';
import { runWorkersProcess } from './process.js';

runWorkersProcess(processors).catch((err) => {
  console.error('Workers failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
