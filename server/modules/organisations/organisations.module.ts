import type { Deps } from '../../platform/deps.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import { createOutbox } from '../../platform/outbox/outbox.js';
import { createUsersRepository } from '../accounts/users.repository.js';
import { createAuditService } from '../audit/audit.service.js';
import { createEmailService } from '../notifications/email.service.js';
import type { Authorizer } from '../policy/guards.js';
import { createOrgInvitationsRepository } from './org-invitations.repository.js';
import { orgInvitationsRoutes } from './org-invitations.routes.js';
import { createOrgInvitationsService } from './org-invitations.service.js';
import { createOwnerNotifier } from './owner-notifier.js';
import { organisationsPersonalData } from './organisations.personal-data.js';
import { createMembershipsRepository, createOrganisationsRepository } from './organisations.repository.js';
import { createOrganisationResources } from './organisations.resources.js';
import { organisationsRoutes } from './organisations.routes.js';
import { createOrganisationsService } from './organisations.service.js';
import { userDirectoryFrom } from './user-directory.js';

/** Organisations and memberships, wired. Networks and admin build on the parts returned here. */
export function createOrganisationsModule(
  deps: Pick<Deps, 'mongo' | 'redis' | 'config'>,
  authorizer: Authorizer,
) {
  const organisations = createOrganisationsRepository(deps.mongo);
  const memberships = createMembershipsRepository(deps.mongo);
  const users = userDirectoryFrom(createUsersRepository(deps.mongo));
  const audit = createAuditService(deps.mongo);
  const emails = createEmailService({ mongo: deps.mongo, outbox: createOutbox(deps.mongo) });
  const notifier = createOwnerNotifier({ memberships, users, emails });
  const service = createOrganisationsService({
    mongo: deps.mongo,
    organisations,
    memberships,
    users,
    audit,
    notifier,
    authorizer,
  });
  const resources = createOrganisationResources(organisations);
  const invitations = createOrgInvitationsRepository(deps.mongo);
  const invitationsService = createOrgInvitationsService({
    mongo: deps.mongo,
    organisations,
    memberships,
    invitations,
    users,
    audit,
    emails,
    limiter: createRateLimiter(deps.redis, {
      name: 'org-invite-account',
      limit: 100,
      windowSeconds: 3600,
      prefix: deps.config.QUEUE_PREFIX,
      secret: deps.config.SESSION_SECRET,
      feature: 'Invitations',
    }),
  });
  return {
    repositories: { organisations, memberships },
    users,
    audit,
    notifier,
    service,
    invitations: invitationsService,
    resources,
    personalData: organisationsPersonalData({ organisations, memberships, invitations, users }),
    endpoints: [
      ...organisationsRoutes({ service, authorizer, resources }),
      ...orgInvitationsRoutes({ service: invitationsService, authorizer, resources }),
    ],
  };
}

export type OrganisationsModule = ReturnType<typeof createOrganisationsModule>;
