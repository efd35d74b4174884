import type { Deps } from '../../platform/deps.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import { createOutbox } from '../../platform/outbox/outbox.js';
import type { NetworksModule } from '../networks/networks.module.js';
import type { OrganisationsModule } from '../organisations/organisations.module.js';
import type { Authorizer } from '../policy/guards.js';
import { createNeedAccess } from './needs.access.js';
import { createNeedSearch, type NeedSearchOptions } from './needs-search.js';
import { createNeedsModerationService } from './needs-moderation.service.js';
import { createNeedReportsRepository } from './need-reports.repository.js';
import { needsPersonalData } from './needs.personal-data.js';
import { createNeedsRepository } from './needs.repository.js';
import { needsRoutes } from './needs.routes.js';
import { createNeedsService } from './needs.service.js';
import { createNetworkNames } from './network-names.js';

export interface NeedsModuleOptions {
  /** Distinct verified organisations whose open reports hide a published need (default 3). */
  reportThreshold?: number;
  search?: NeedSearchOptions;
}

/** Reports one account may file an hour. */
export const NEED_REPORTS_PER_HOUR = 10;

/** Needs: lifecycle, moderation, public search with its MongoDB fallback, wired. */
export function createNeedsModule(
  deps: Pick<Deps, 'mongo' | 'search' | 'logger' | 'redis' | 'embedder' | 'config'>,
  authorizer: Authorizer,
  orgs: OrganisationsModule,
  nets: NetworksModule,
  options: NeedsModuleOptions = {},
) {
  const needs = createNeedsRepository(deps.mongo);
  const outbox = createOutbox(deps.mongo);
  const { networks, groups } = nets.repositories;
  const access = createNeedAccess({
    needs,
    networks,
    groups,
    organisations: orgs.repositories.organisations,
  });
  const service = createNeedsService({
    mongo: deps.mongo,
    needs,
    networks,
    groups,
    outbox,
    authorizer,
    access,
  });
  const moderation = createNeedsModerationService({
    mongo: deps.mongo,
    needs,
    reports: createNeedReportsRepository(deps.mongo),
    outbox,
    audit: orgs.audit,
    notifier: orgs.notifier,
    authorizer,
    access,
    reportThreshold: options.reportThreshold,
    reportLimiter: createRateLimiter(deps.redis, {
      name: 'need-report-account',
      limit: NEED_REPORTS_PER_HOUR,
      windowSeconds: 3600,
      prefix: deps.config.QUEUE_PREFIX,
      secret: deps.config.SESSION_SECRET,
      feature: 'Reporting',
    }),
  });
  const search = createNeedSearch(
    {
      search: deps.search,
      needs,
      networkNames: createNetworkNames(networks),
      logger: deps.logger,
      semantic: deps,
    },
    options.search,
  );
  return {
    repository: needs,
    service,
    moderation,
    search,
    personalData: needsPersonalData({ needs }),
    endpoints: needsRoutes({ service, moderation, search, access, authorizer }),
  };
}

export type NeedsModule = ReturnType<typeof createNeedsModule>;
