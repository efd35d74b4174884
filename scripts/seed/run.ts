import { createApp } from '../../server/app.js';
import type { Deps } from '../../server/platform/deps.js';
import { syncAllIndexes } from '../../server/platform/indexes.js';
import { seedSteps } from './steps.js';
import type { SeedContext } from './types.js';

export interface SeedResult {
  skipped: boolean;
  logins: SeedContext['logins'];
  refs: Map<string, string>;
}

/**
 * Loads the demo data through the features' services. With `ifEmpty` it does nothing when the
 * database already holds users.
 */
export async function runSeed(
  deps: Deps,
  options: { ifEmpty?: boolean; log?: (line: string) => void } = {},
): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  // Building the app registers every model, so their indexes exist before data goes in.
  createApp(deps);
  await syncAllIndexes(deps);
  const db = deps.mongo.db;
  if (!db) throw new Error('MongoDB is not connected');
  const refs = new Map<string, string>();
  if (options.ifEmpty && (await db.collection('users').estimatedDocumentCount()) > 0) {
    return { skipped: true, logins: [], refs };
  }
  const ctx: SeedContext = {
    deps,
    refs,
    logins: [],
    log: (m) => log(`  ${m}`),
    ref(name) {
      const id = refs.get(name);
      if (!id)
        throw new Error(`seed: no id named ${name} (is the step that creates it earlier in the list?)`);
      return id;
    },
  };
  for (const [i, step] of seedSteps.entries()) {
    log(`[${i + 1}/${seedSteps.length}] ${step.name}`);
    await step.run(ctx);
  }
  return { skipped: false, logins: ctx.logins, refs };
}
