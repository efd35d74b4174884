import type { Deps } from './platform/deps.js';
import type { Endpoint } from './platform/http/endpoint.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { createOpenDataModule } from './modules/open-data/open-data.module.js';
import { createEformsModule } from './modules/eforms/eforms.module.js';
import { createAdminModule } from './modules/admin/admin.module.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createHealthService } from './modules/health/health.service.js';
import { matchingRoutes } from './modules/matching/matching.routes.js';
import { operationsRoutes } from './modules/operations/operations.routes.js';
import { createOperationsService } from './modules/operations/operations.service.js';
import { createMeetingsModule } from './modules/meetings/meetings.module.js';
import { createNeedsModule } from './modules/needs/needs.module.js';
import { createNetworksModule } from './modules/networks/networks.module.js';
import { feedsRoutes } from './modules/feeds/feeds.routes.js';
import { createOcdsModule } from './modules/ocds/ocds.module.js';
import { createOrganisationsModule } from './modules/organisations/organisations.module.js';
import { createAppPolicy } from './policy.js';
import { createQuestionsModule } from './modules/questions/questions.module.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { createSuppliersModule } from './modules/suppliers/suppliers.module.js';
import { subscriptionsRoutes } from './modules/subscriptions/subscriptions.routes.js';
import { subscriptionsPersonalData } from './modules/subscriptions/subscriptions.personal-data.js';
import { createSubscriptionsService } from './modules/subscriptions/subscriptions.service.js';

/** Wires each feature's service to its routes. The one list of every endpoint the API serves. */
export function buildEndpoints(deps: Deps): Endpoint[] {
  // Modules holding personal data add their PersonalDataProvider here (export + account deletion).
  // The policy (authorize guards, assertCan) is shared by every feature that checks permissions.
  const policy = createAppPolicy(deps);
  const organisations = createOrganisationsModule(deps, policy);
  const networks = createNetworksModule(deps, policy, organisations);
  const needs = createNeedsModule(deps, policy, organisations, networks, {
    reportThreshold: deps.config.REPORT_HIDE_THRESHOLD,
  });
  const meetings = createMeetingsModule(deps, policy);
  const questions = createQuestionsModule(deps, policy, meetings.access);
  const ocds = createOcdsModule(deps);
  const accounts = createAccountsService({
    ...deps,
    providers: [
      organisations.personalData,
      networks.personalData,
      needs.personalData,
      meetings.personalData,
      questions.personalData,
      subscriptionsPersonalData(deps),
    ],
  });
  return [
    ...healthRoutes(createHealthService(deps)),
    ...accountsRoutes(accounts, deps.config),
    ...referenceRoutes(),
    ...organisations.endpoints,
    ...networks.endpoints,
    ...createSuppliersModule(deps, policy, organisations, {
      reportThreshold: deps.config.REPORT_HIDE_THRESHOLD,
    }).endpoints,
    ...needs.endpoints,
    ...createAdminModule(deps, policy, organisations, networks).endpoints,
    ...subscriptionsRoutes(createSubscriptionsService(deps), deps.config),
    ...matchingRoutes({ mongo: deps.mongo, authorizer: policy }),
    ...operationsRoutes(deps, createOperationsService(deps), policy),
    ...meetings.endpoints,
    ...questions.endpoints,
    ...createEformsModule(deps, policy, organisations, networks).endpoints,
    ...createOpenDataModule(deps).endpoints,
    ...ocds.endpoints,
    ...feedsRoutes({
      search: needs.search,
      networks: networks.repositories.networks,
      lastChanged: (ids) => ocds.service.lastChanged(ids),
      config: deps.config,
    }),
  ];
}
