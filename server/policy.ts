/**
 * The policy as the API, the workers and the scripts use it: the organisations module's
 * memberships as the policy's subjects. Composition-root wiring (like search-indexes.ts), so
 * that the policy module does not import the organisations module above it.
 */
import { createMembershipsRepository } from './modules/organisations/organisations.repository.js';
import { createPolicy, type Authorizer } from './modules/policy/policy.module.js';
import type { Deps } from './platform/deps.js';

export function createAppPolicy(deps: Pick<Deps, 'mongo' | 'logger'>): Authorizer {
  return createPolicy(deps, createMembershipsRepository(deps.mongo));
}
