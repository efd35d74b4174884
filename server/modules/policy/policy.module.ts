import type { Deps } from '../../platform/deps.js';
import { createAuditService } from '../audit/audit.service.js';
import { createAuthorizer, type Authorizer } from './guards.js';
import { createSubjectLoader, type MembershipSource } from './subject.js';

export type { Authorizer } from './guards.js';
export type { MembershipSource } from './subject.js';

/**
 * The policy, wired: subjects come from the memberships the composition root hands in (the
 * organisations module's; policy sits below it and does not import it); denials are audited.
 */
export function createPolicy(
  deps: Pick<Deps, 'mongo' | 'logger'>,
  memberships: MembershipSource,
): Authorizer {
  return createAuthorizer({
    subjects: createSubjectLoader({ memberships }),
    audit: createAuditService(deps.mongo),
    logger: deps.logger,
  });
}
