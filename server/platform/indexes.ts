import type { Deps } from './deps.js';

/**
 * Creates MongoDB indexes for every registered model (autoIndex is off so that index builds
 * happen once, at start-up, not lazily on the first query).
 */
export async function syncAllIndexes(deps: Pick<Deps, 'mongo'>): Promise<void> {
  for (const model of Object.values(deps.mongo.models)) {
    await model.createIndexes();
  }
}
