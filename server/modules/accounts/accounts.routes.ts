import type { Config } from '../../config.js';
import type { AccountsService } from './accounts.service.js';
import { authRoutes } from './auth.routes.js';
import { meRoutes } from './me.routes.js';

/** Every accounts endpoint: /api/auth/* and /api/me/*. */
export function accountsRoutes(accounts: AccountsService, config: Pick<Config, 'NODE_ENV'>) {
  return [...authRoutes(accounts, config), ...meRoutes(accounts, config)];
}
