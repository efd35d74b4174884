import type { Deps } from './platform/deps.js';
import type { Endpoint } from './platform/http/endpoint.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { createHealthService } from './modules/health/health.service.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';

/** Wires each feature's service to its routes. The one list of every endpoint the API serves. */
export function buildEndpoints(deps: Deps): Endpoint[] {
  return [...healthRoutes(createHealthService(deps)), ...referenceRoutes()];
}
