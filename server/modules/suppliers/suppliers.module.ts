import type { Deps } from '../../platform/deps.js';
import { createOutbox } from '../../platform/outbox/outbox.js';
import type { OrganisationsModule } from '../organisations/organisations.module.js';
import type { Authorizer } from '../policy/guards.js';
import { createSupplierSearch } from './suppliers-search.js';
import { createSuppliersRepository } from './suppliers.repository.js';
import { suppliersRoutes } from './suppliers.routes.js';
import { createSuppliersService } from './suppliers.service.js';

/** Supplier profiles, wired: search, moderation, reports and the organisation's data rights. */
export function createSuppliersModule(
  deps: Pick<Deps, 'mongo' | 'search' | 'logger' | 'embedder' | 'config'>,
  authorizer: Authorizer,
  organisations: OrganisationsModule,
  options: { reportThreshold?: number } = {},
) {
  const repo = createSuppliersRepository(deps.mongo);
  const service = createSuppliersService({
    mongo: deps.mongo,
    repo,
    organisations: organisations.repositories.organisations,
    memberships: organisations.repositories.memberships,
    notifier: organisations.notifier,
    audit: organisations.audit,
    outbox: createOutbox(deps.mongo),
    authorizer,
    search: createSupplierSearch(deps),
    deleteOrganisationRecords: (id, tx) => repo.deleteOrganisationRecords(id, tx),
    reportThreshold: options.reportThreshold,
  });
  return { repo, service, endpoints: suppliersRoutes({ service, authorizer, repo }) };
}

export type SuppliersModule = ReturnType<typeof createSuppliersModule>;
