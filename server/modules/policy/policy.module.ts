import type { Deps } from '../../platform/deps.js';
import { createAuditService } from '../audit/audit.service.js';
import { createMembershipsRepository } from '../organisations/organisations.repository.js';
import { createAuthorizer, type Authorizer } from './guards.js';
import { createSubjectLoader } from './subject.js';

export type { Authorizer } from './guards.js';

/** The policy, wired: subjects come from the organisations' memberships; denials are audited. */
export function createPolicy(deps: Pick<Deps, 'mongo' | 'logger'>): Authorizer {
  return createAuthorizer({
    subjects: createSubjectLoader({ memberships: createMembershipsRepository(deps.mongo) }),
    audit: createAuditService(deps.mongo),
    logger: deps.logger,
  });
}
