import type { Deps } from '../../platform/deps.js';
import { createAuditLogReader } from '../audit/audit.repository.js';
import type { NetworksModule } from '../networks/networks.module.js';
import type { OrganisationsModule } from '../organisations/organisations.module.js';
import type { Authorizer } from '../policy/guards.js';
import { adminRoutes } from './admin.routes.js';
import { createAdminService } from './admin.service.js';

/** Admin endpoints: verification of organisations, moderation of networks, the audit log. */
export function createAdminModule(
  deps: Pick<Deps, 'mongo'>,
  authorizer: Authorizer,
  orgs: OrganisationsModule,
  networks: NetworksModule,
) {
  const admin = createAdminService({
    memberships: orgs.repositories.memberships,
    users: orgs.users,
    auditLog: createAuditLogReader(deps.mongo),
  });
  return {
    endpoints: adminRoutes({ admin, organisations: orgs.service, networks: networks.service, authorizer }),
  };
}
