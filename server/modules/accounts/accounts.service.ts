import type { Deps } from '../../platform/deps.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import { createOutbox } from '../../platform/outbox/outbox.js';
import { createAuditService } from '../audit/audit.service.js';
import { createEmailService } from '../notifications/email.service.js';
import { transactionRunner, type AccountsContext, type Limiters } from './accounts.context.js';
import type { PersonalDataProvider } from './personal-data.js';
import { createPrivacyRepository } from './privacy.repository.js';
import { createPrivacyService } from './privacy.service.js';
import { createRegistrationService } from './registration.service.js';
import { createSessionsRepository } from './sessions.repository.js';
import { createSessionsService } from './sessions.service.js';
import { createTokensRepository } from './tokens.repository.js';
import { createUsersRepository } from './users.repository.js';

export type { PersonalDataProvider } from './personal-data.js';

export interface AccountsServiceDeps extends Pick<Deps, 'mongo' | 'redis' | 'config' | 'logger'> {
  /** Other modules' parts of the personal-data export and of account deletion. */
  providers?: PersonalDataProvider[];
  /** Clock (tests). */
  now?: () => Date;
}

const MINUTES = 60;

/** Rate limits of the accounts flows. Counters live in Redis, so they hold across API replicas. */
export function createAccountLimiters(deps: Pick<Deps, 'redis' | 'config'>): Limiters {
  const base = { prefix: deps.config.QUEUE_PREFIX, secret: deps.config.SESSION_SECRET };
  const limiter = (name: string, limit: number, windowSeconds: number, feature: string) =>
    createRateLimiter(deps.redis, { ...base, name, limit, windowSeconds, feature });
  return {
    loginAccount: limiter('login-account', 10, 15 * MINUTES, 'Login'),
    loginIp: limiter('login-ip', 50, 15 * MINUTES, 'Login'),
    registerIp: limiter('register-ip', 30, 60 * MINUTES, 'Registration'),
    resetEmail: limiter('reset-email', 5, 60 * MINUTES, 'Password reset'),
    resetIp: limiter('reset-ip', 30, 60 * MINUTES, 'Password reset'),
    resendVerification: limiter('resend-verification', 5, 60 * MINUTES, 'Verification email'),
  };
}

/** The accounts module: one service over registration, sessions and data rights. */
export function createAccountsService(deps: AccountsServiceDeps) {
  const audit = createAuditService(deps.mongo);
  const ctx: AccountsContext = {
    config: deps.config,
    mongo: deps.mongo,
    logger: deps.logger,
    users: createUsersRepository(deps.mongo),
    sessions: createSessionsRepository(deps.mongo),
    tokens: createTokensRepository(deps.mongo),
    privacy: createPrivacyRepository(deps.mongo),
    email: createEmailService({ mongo: deps.mongo, outbox: createOutbox(deps.mongo) }),
    audit,
    limits: createAccountLimiters(deps),
    providers: deps.providers ?? [],
    now: deps.now ?? (() => new Date()),
    transaction: transactionRunner(deps.mongo),
    auditUser: (user, entry, origin, tx) =>
      audit.record(
        {
          actorId: user?.id,
          actorEmail: user?.email,
          ...(user ? { targetType: 'user', targetId: user.id } : {}),
          ...entry,
          ip: origin.ip,
          userAgent: origin.userAgent,
        },
        tx,
      ),
  };
  const sessions = createSessionsService(ctx);
  return {
    ...createRegistrationService(ctx),
    ...sessions,
    ...createPrivacyService(ctx, sessions),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
