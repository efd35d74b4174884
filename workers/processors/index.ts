import type { Processor } from '../define-worker.js';

/** Every job processor the workers process runs. */
export const processors: Processor[] = [];
