import type { ClientSession, Connection } from 'mongoose';
import type { Config } from '../../config.js';
import type { Logger } from '../../platform/logger.js';
import type { RateLimiter } from '../../platform/http/rate-limit.js';
import { inTransaction } from '../../platform/outbox/outbox.js';
import type { AuditInput, AuditService } from '../audit/audit.service.js';
import type { EmailService } from '../notifications/email.service.js';
import type { PersonalDataProvider } from './personal-data.js';
import type { PrivacyRepository } from './privacy.repository.js';
import type { SessionsRepository } from './sessions.repository.js';
import type { TokensRepository } from './tokens.repository.js';
import type { User, UsersRepository } from './users.repository.js';

/** Where a request came from (recorded in the audit log and on sessions). */
export interface Origin {
  ip?: string;
  userAgent?: string;
}

export interface Limiters {
  /** Failed logins (and wrong current passwords) per account. */
  loginAccount: RateLimiter;
  /** Failed logins per client IP. */
  loginIp: RateLimiter;
  /** Registrations per email address (the per-IP one is only a ceiling). */
  registerEmail: RateLimiter;
  registerIp: RateLimiter;
  resetEmail: RateLimiter;
  resetIp: RateLimiter;
  resendVerification: RateLimiter;
}

/** Everything the accounts services share, built once by createAccountsService. */
export interface AccountsContext {
  config: Pick<Config, 'NODE_ENV'>;
  mongo: Connection;
  logger: Logger;
  users: UsersRepository;
  sessions: SessionsRepository;
  tokens: TokensRepository;
  privacy: PrivacyRepository;
  email: EmailService;
  audit: AuditService;
  limits: Limiters;
  providers: PersonalDataProvider[];
  now: () => Date;
  transaction: <T>(work: (tx: ClientSession) => Promise<T>) => Promise<T>;
  /** Audit entry with the user as actor and target. */
  auditUser: (
    user: Pick<User, 'id' | 'email'> | undefined,
    entry: Omit<AuditInput, 'ip' | 'userAgent'>,
    origin: Origin,
    tx?: ClientSession,
  ) => Promise<void>;
}

export function transactionRunner(mongo: Connection) {
  return <T>(work: (tx: ClientSession) => Promise<T>) => inTransaction(mongo, work);
}

export const VERIFY_TOKEN_TTL_MS = 48 * 3600 * 1000;
export const RESET_TOKEN_TTL_MS = 3600 * 1000;

export const auditActions = {
  register: 'account.register',
  verify: 'email.verify',
  login: 'login',
  logout: 'logout',
  sessionRevoke: 'session.revoke',
  passwordChange: 'password.change',
  passwordResetRequest: 'password.reset_request',
  passwordReset: 'password.reset',
  delete: 'account.delete',
  adminCreate: 'admin.create',
  adminPromote: 'admin.promote',
} as const;
