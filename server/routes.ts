import type { Deps } from './platform/deps.js';
import type { Endpoint } from './platform/http/endpoint.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createHealthService } from './modules/health/health.service.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { subscriptionsRoutes } from './modules/subscriptions/subscriptions.routes.js';
import { createSubscriptionsService } from './modules/subscriptions/subscriptions.service.js';

/** Wires each feature's service to its routes. The one list of every endpoint the API serves. */
export function buildEndpoints(deps: Deps): Endpoint[] {
  // Modules holding personal data add their PersonalDataProvider here (export + account deletion).
  const accounts = createAccountsService({ ...deps, providers: [] });
  return [
    ...healthRoutes(createHealthService(deps)),
    ...accountsRoutes(accounts, deps.config),
    ...referenceRoutes(),
    ...subscriptionsRoutes(createSubscriptionsService(deps), deps.config),
  ];
}
