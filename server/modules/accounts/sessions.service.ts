import type { Principal } from '../../platform/auth/principal.js';
import { AppError, errors } from '../../platform/errors.js';
import { accountTemplateNames } from './accounts.emails.js';
import { auditActions, type AccountsContext, type Origin } from './accounts.context.js';
import { SESSION_TTL_MS } from './cookies.js';
import { assertStrongPassword, dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './secrets.js';
import type { Session, SessionKind } from './sessions.repository.js';
import type { User } from './users.repository.js';

export const invalidCredentials = () => new AppError('invalid_credentials', 'Wrong email or password.', 401);

export const wrongPassword = (field: string) =>
  errors.badRequest('wrong_password', 'The password is wrong.', [
    { location: 'body', path: field, message: 'The password is wrong.', code: 'wrong_password' },
  ]);

export interface LoginResult {
  user: User;
  session: Session;
  /** The session token: goes into the cookie (browser) or back to the API client. */
  token: string;
  /** Browser sessions only: the CSRF token bound to the session. */
  csrfToken?: string;
}

/** Login, logout, the session list, and changing the password (which logs out other sessions). */
export function createSessionsService(ctx: AccountsContext) {
  const { users, sessions, limits } = ctx;
  // Computed up front so the first login with an unknown email is not the slow one.
  void dummyHash().catch(() => undefined);

  /**
   * Counts one attempt per IP, then per account; refuses with 429 once either is over. An
   * attempt refused by one counter is not counted by the other.
   */
  async function countAttempt(account: string, ip: string) {
    const byIp = await limits.loginIp.consume(ip);
    if (!byIp.allowed) throw errors.tooManyRequests(byIp.retryAfterSeconds);
    const byAccount = await limits.loginAccount.consume(account);
    if (!byAccount.allowed) {
      await limits.loginIp.refund(ip);
      throw errors.tooManyRequests(byAccount.retryAfterSeconds);
    }
  }

  async function startSession(user: User, kind: SessionKind, origin: Origin) {
    const token = newToken();
    const csrfToken = kind === 'cookie' ? newToken() : undefined;
    const session = await sessions.create({
      userId: user.id,
      tokenHash: hashToken(token),
      kind,
      csrfHash: csrfToken ? hashToken(csrfToken) : undefined,
      expiresAt: new Date(ctx.now().getTime() + SESSION_TTL_MS),
      userAgent: origin.userAgent,
      ip: origin.ip,
    });
    return { session, token, csrfToken };
  }

  /** Checks the password of a logged-in user (change password, delete account), rate-limited like login. */
  async function confirmPassword(
    user: User,
    password: string,
    field: string,
    origin: Origin,
    action: string,
  ) {
    await countAttempt(user.email, origin.ip ?? 'unknown');
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
      await ctx.auditUser(
        user,
        { action, outcome: 'failure', details: { reason: 'wrong_password' } },
        origin,
      );
      throw wrongPassword(field);
    }
    await Promise.all([limits.loginAccount.reset(user.email), limits.loginIp.refund(origin.ip ?? 'unknown')]);
  }

  return {
    confirmPassword,

    /**
     * Opens a session for an existing user without a password check: login calls it after the
     * check; test helpers (and a future SSO login) use it directly.
     */
    async openSession(userId: string, kind: SessionKind, origin: Origin): Promise<LoginResult> {
      const user = await users.findById(userId);
      if (!user) throw errors.notFound('user');
      return { user, ...(await startSession(user, kind, origin)) };
    },

    /**
     * Same answer and about the same time for an unknown email and a wrong password. Attempts
     * are counted before the password is checked, so parallel guessing cannot overshoot the limit;
     * a success takes its attempt back.
     */
    async login(
      input: { email: string; password: string; kind: SessionKind },
      origin: Origin,
    ): Promise<LoginResult> {
      const ip = origin.ip ?? 'unknown';
      try {
        await countAttempt(input.email, ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'rate_limited') {
          await ctx.audit.record({
            action: auditActions.login,
            outcome: 'denied',
            actorEmail: input.email,
            details: { reason: 'rate_limited' },
            ...origin,
          });
        }
        throw err;
      }
      const user = await users.findByEmail(input.email);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
      if (!user || !ok) {
        await ctx.audit.record({
          action: auditActions.login,
          outcome: 'failure',
          actorEmail: input.email,
          ...(user ? { targetType: 'user', targetId: user.id } : {}),
          details: { reason: user ? 'wrong_password' : 'unknown_email' },
          ...origin,
        });
        throw invalidCredentials();
      }
      await Promise.all([limits.loginAccount.reset(input.email), limits.loginIp.refund(ip)]);
      if (needsRehash(user.passwordHash!))
        await users.update(user.id, { passwordHash: await hashPassword(input.password) });
      const started = await startSession(user, input.kind, origin);
      await ctx.auditUser(
        user,
        { action: auditActions.login, details: { sessionId: started.session.id, kind: input.kind } },
        origin,
      );
      return { user, ...started };
    },

    async logout(principal: Principal, origin: Origin): Promise<void> {
      await sessions.revoke(principal.userId, principal.sessionId, ctx.now());
      await ctx.auditUser(
        { id: principal.userId, email: principal.email },
        { action: auditActions.logout, details: { sessionId: principal.sessionId } },
        origin,
      );
    },

    listSessions: (userId: string) => sessions.listActive(userId, ctx.now()),

    async revokeSession(principal: Principal, sessionId: string, origin: Origin): Promise<void> {
      const revoked = await sessions.revoke(principal.userId, sessionId, ctx.now());
      if (!revoked) throw errors.notFound('session');
      await ctx.auditUser(
        { id: principal.userId, email: principal.email },
        { action: auditActions.sessionRevoke, details: { sessionId } },
        origin,
      );
    },

    /** Changes the password and logs out every other session of the account. */
    async changePassword(
      principal: Principal,
      input: { currentPassword: string; newPassword: string },
      origin: Origin,
    ) {
      const user = await users.findById(principal.userId);
      if (!user) throw errors.unauthorized();
      await confirmPassword(
        user,
        input.currentPassword,
        'currentPassword',
        origin,
        auditActions.passwordChange,
      );
      assertStrongPassword(input.newPassword, user.email, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      return ctx.transaction(async (tx) => {
        const now = ctx.now();
        await users.update(user.id, { passwordHash }, tx);
        const revoked = await sessions.revokeAll(user.id, now, { keepId: principal.sessionId, tx });
        await ctx.email.queue(tx, [
          {
            key: `password-changed.${user.id}.${now.getTime()}`,
            to: user.email,
            userId: user.id,
            template: accountTemplateNames.passwordChanged,
            locale: user.language,
            data: user.name ? { name: user.name } : {},
          },
        ]);
        await ctx.auditUser(
          user,
          { action: auditActions.passwordChange, details: { revokedSessions: revoked } },
          origin,
          tx,
        );
        return { revokedSessions: revoked };
      });
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
