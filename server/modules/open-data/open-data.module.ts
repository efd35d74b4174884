import type { Deps } from '../../platform/deps.js';
import { createOpenDataRepository } from './open-data.repository.js';
import { openDataRoutes } from './open-data.routes.js';
import { createOpenDataService } from './open-data.service.js';

/** Open data (CSV files with READMEs, the catalogue of every dataset and feed), wired. */
export function createOpenDataModule(deps: Pick<Deps, 'mongo' | 'config'>) {
  const service = createOpenDataService({
    repo: createOpenDataRepository(deps.mongo),
    baseUrl: deps.config.PUBLIC_BASE_URL,
    license: deps.config.OPEN_DATA_LICENSE,
  });
  return { service, endpoints: openDataRoutes(service, deps.config.OPEN_DATA_LICENSE) };
}
