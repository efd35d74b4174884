import { ocdsServiceFor } from '../../server/modules/ocds/ocds.service.js';
import type { SeedStep } from './types.js';

/**
 * The OCDS releases of every public demo need, recorded now so that the open-data endpoints
 * and the dump show the demo at once (the workers would record them when they relay the seed's
 * outbox events; they then find nothing new).
 */
export const openDataSeed: SeedStep = {
  name: 'open data (OCDS releases of the public needs)',
  async run(ctx) {
    const recorded = await ocdsServiceFor(ctx.deps).recordMissing();
    ctx.log(`${recorded} needs with OCDS releases`);
  },
};
