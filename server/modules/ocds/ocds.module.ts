import type { Deps } from '../../platform/deps.js';
import { ocdsRoutes } from './ocds.routes.js';
import { ocdsServiceFor } from './ocds.service.js';

/** Open data as OCDS 1.1.5: releases stored per public change, packages, records and dumps. */
export function createOcdsModule(deps: Pick<Deps, 'mongo' | 'config'>) {
  const service = ocdsServiceFor(deps);
  return { service, endpoints: ocdsRoutes({ service, dumpDir: deps.config.OPEN_DATA_DIR }) };
}
