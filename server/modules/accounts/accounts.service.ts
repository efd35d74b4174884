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

/**
 * Limits of the accounts flows, in hits per window. Each flow is keyed by what it protects (the
 * account or the email address) where possible; the per-IP ceilings are generous because a
 * municipality's staff share one NAT address, and on an onboarding day a few hundred people
 * register, mistype passwords and reset them from it within the hour.
 */
export const ACCOUNT_LIMITS = {
  loginAccount: { limit: 10, windowSeconds: 15 * MINUTES },
  loginIp: { limit: 300, windowSeconds: 15 * MINUTES },
  registerEmail: { limit: 3, windowSeconds: 60 * MINUTES },
  registerIp: { limit: 300, windowSeconds: 60 * MINUTES },
  resetEmail: { limit: 5, windowSeconds: 60 * MINUTES },
  resetIp: { limit: 300, windowSeconds: 60 * MINUTES },
  resendVerification: { limit: 5, windowSeconds: 60 * MINUTES },
} as const;

/** Rate limits of the accounts flows. Counters live in Redis, so they hold across API replicas. */
export function createAccountLimiters(deps: Pick<Deps, 'redis' | 'config'>): Limiters {
  const base = { prefix: deps.config.QUEUE_PREFIX, secret: deps.config.SESSION_SECRET };
  const limiter = (key: keyof typeof ACCOUNT_LIMITS, name: string, feature: string) =>
    createRateLimiter(deps.redis, { ...base, name, ...ACCOUNT_LIMITS[key], feature });
  return {
    loginAccount: limiter('loginAccount', 'login-account', 'Login'),
    loginIp: limiter('loginIp', 'login-ip', 'Login'),
    registerEmail: limiter('registerEmail', 'register-email', 'Registration'),
    registerIp: limiter('registerIp', 'register-ip', 'Registration'),
    resetEmail: limiter('resetEmail', 'reset-email', 'Password reset'),
    resetIp: limiter('resetIp', 'reset-ip', 'Password reset'),
    resendVerification: limiter('resendVerification', 'resend-verification', 'Verification email'),
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
