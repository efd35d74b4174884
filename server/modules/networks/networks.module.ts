import type { Deps } from '../../platform/deps.js';
import type { OrganisationsModule } from '../organisations/organisations.module.js';
import type { Authorizer } from '../policy/guards.js';
import { createBuyerGroupsRepository } from './buyer-groups.repository.js';
import { buyerGroupsRoutes } from './buyer-groups.routes.js';
import { createBuyerGroupsService } from './buyer-groups.service.js';
import { createInvitationsRepository } from './invitations.repository.js';
import { invitationsRoutes } from './invitations.routes.js';
import { createInvitationsService } from './invitations.service.js';
import { networksPersonalData } from './networks.personal-data.js';
import { createNetworksRepository } from './networks.repository.js';
import { createNetworkResources } from './networks.resources.js';
import { networksRoutes } from './networks.routes.js';
import { createNetworksService } from './networks.service.js';

/** Buyer networks, invitations and buyer groups, wired. */
export function createNetworksModule(
  deps: Pick<Deps, 'mongo'>,
  authorizer: Authorizer,
  orgs: OrganisationsModule,
) {
  const networks = createNetworksRepository(deps.mongo);
  const invitations = createInvitationsRepository(deps.mongo);
  const groups = createBuyerGroupsRepository(deps.mongo);
  const organisations = orgs.repositories.organisations;
  const shared = { mongo: deps.mongo, organisations, audit: orgs.audit };
  const service = createNetworksService({ ...shared, networks, groups, notifier: orgs.notifier, authorizer });
  const invitationsService = createInvitationsService({
    ...shared,
    networks,
    invitations,
    notifier: orgs.notifier,
  });
  const groupsService = createBuyerGroupsService({ ...shared, networks, groups });
  const resources = createNetworkResources({ networks, invitations });
  return {
    repositories: { networks, invitations, groups },
    service,
    invitations: invitationsService,
    groups: groupsService,
    /** Policy resources of networks: later features build need resources with `resources.byId`. */
    resources,
    personalData: networksPersonalData({ networks, groups, invitations }),
    endpoints: [
      ...networksRoutes({ service, authorizer, resources }),
      ...invitationsRoutes({ service: invitationsService, authorizer, resources }),
      ...buyerGroupsRoutes({ service: groupsService, authorizer, resources }),
    ],
  };
}

export type NetworksModule = ReturnType<typeof createNetworksModule>;
