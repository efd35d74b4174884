import type { Deps } from '../../platform/deps.js';
import { createMeetingsRepository } from '../meetings/meetings.repository.js';
import { createNeedAccess } from '../needs/needs.access.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import type { NetworksModule } from '../networks/networks.module.js';
import type { OrganisationsModule } from '../organisations/organisations.module.js';
import type { Authorizer } from '../policy/guards.js';
import { eformsRoutes } from './eforms.routes.js';
import { createEformsService } from './eforms.service.js';

/** eForms notices of needs (today: E1, the dialogue invitation), wired. */
export function createEformsModule(
  deps: Pick<Deps, 'mongo' | 'config'>,
  authorizer: Authorizer,
  orgs: OrganisationsModule,
  nets: NetworksModule,
) {
  const organisations = orgs.repositories.organisations;
  const access = createNeedAccess({
    needs: createNeedsRepository(deps.mongo),
    networks: nets.repositories.networks,
    groups: nets.repositories.groups,
    organisations,
  });
  const service = createEformsService({
    access,
    organisations,
    meetings: createMeetingsRepository(deps.mongo),
    baseUrl: deps.config.PUBLIC_BASE_URL,
  });
  return { service, endpoints: eformsRoutes({ service, access, authorizer }) };
}
