import type { ClientSession } from 'mongoose';
import { errors } from '../../platform/errors.js';
import { accountTemplateNames } from './accounts.emails.js';
import {
  auditActions,
  RESET_TOKEN_TTL_MS,
  VERIFY_TOKEN_TTL_MS,
  type AccountsContext,
  type Origin,
} from './accounts.context.js';
import { assertStrongPassword, hashPassword } from './passwords.js';
import { hashToken, newToken } from './secrets.js';
import type { Language, User } from './users.repository.js';

export const tokenInvalid = () =>
  errors.badRequest(
    'token_invalid',
    'This link is invalid, has expired or has already been used. Request a new one.',
    [
      {
        location: 'body',
        path: 'token',
        message: 'Invalid, expired or already used.',
        code: 'token_invalid',
      },
    ],
  );

export interface RegisterInput {
  email: string;
  password: string;
  language?: Language;
  name?: string;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

/** Registration, email verification and password reset by emailed single-use tokens. */
export function createRegistrationService(ctx: AccountsContext) {
  const { users, tokens, email, limits } = ctx;

  async function issueVerification(user: User, tx: ClientSession) {
    const now = ctx.now();
    await tokens.retireAll(user.id, 'verify-email', now, tx);
    const token = newToken();
    const { id } = await tokens.create(
      {
        userId: user.id,
        purpose: 'verify-email',
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + VERIFY_TOKEN_TTL_MS),
      },
      tx,
    );
    await email.queue(tx, [
      {
        key: `verify-email.${user.id}.${id}`,
        to: user.email,
        userId: user.id,
        template: accountTemplateNames.verifyEmail,
        locale: user.language,
        data: { token, ...(user.name ? { name: user.name } : {}) },
      },
    ]);
  }

  /** Tells the owner of an existing account that someone tried to register it (at most hourly). */
  async function notifyAlreadyRegistered(user: User) {
    const hour = ctx.now().toISOString().slice(0, 13);
    await ctx.transaction((tx) =>
      email.queue(tx, [
        {
          key: `already-registered.${user.id}.${hour}`,
          to: user.email,
          userId: user.id,
          template: accountTemplateNames.alreadyRegistered,
          locale: user.language,
          data: user.name ? { name: user.name } : {},
        },
      ]),
    );
  }

  return {
    /**
     * Creates an unverified account and mails a verification link. Answers the same whether or
     * not the address is taken (the owner of a taken address gets a notice instead), so the
     * endpoint cannot be used to find out who has an account.
     */
    async register(input: RegisterInput, origin: Origin): Promise<void> {
      await limits.registerIp.enforce(origin.ip ?? 'unknown');
      await limits.registerEmail.enforce(input.email.trim().toLowerCase());
      assertStrongPassword(input.password, input.email);
      // Hash before looking up, so both paths cost the same time.
      const passwordHash = await hashPassword(input.password);
      const existing = await users.findByEmail(input.email);
      if (existing) return notifyAlreadyRegistered(existing);
      try {
        await ctx.transaction(async (tx) => {
          const user = await users.create(
            { email: input.email, passwordHash, language: input.language ?? 'sv', name: input.name },
            tx,
          );
          await issueVerification(user, tx);
          await ctx.auditUser(user, { action: auditActions.register }, origin, tx);
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        // Lost a race with a concurrent registration of the same address.
        const winner = await users.findByEmail(input.email);
        if (winner) await notifyAlreadyRegistered(winner);
      }
    },

    async verifyEmail(token: string, origin: Origin): Promise<User> {
      return ctx.transaction(async (tx) => {
        const now = ctx.now();
        const used = await tokens.consume('verify-email', hashToken(token), now, tx);
        const user = used && (await users.markVerified(used.userId, now, tx));
        if (!user) throw tokenInvalid();
        await ctx.auditUser(user, { action: auditActions.verify }, origin, tx);
        return user;
      });
    },

    async resendVerification(userId: string): Promise<void> {
      const user = await users.findById(userId);
      if (!user) throw errors.unauthorized();
      if (user.emailVerifiedAt)
        throw errors.conflict('already_verified', 'Your email address is already verified.');
      await limits.resendVerification.enforce(user.id);
      await ctx.transaction((tx) => issueVerification(user, tx));
    },

    /** Mails a reset link if the account exists; answers the same either way. */
    async requestPasswordReset(address: string, origin: Origin): Promise<void> {
      await limits.resetIp.enforce(origin.ip ?? 'unknown');
      await limits.resetEmail.enforce(address);
      const user = await users.findByEmail(address);
      if (!user) return;
      await ctx.transaction(async (tx) => {
        const now = ctx.now();
        await tokens.retireAll(user.id, 'reset-password', now, tx);
        const token = newToken();
        const { id } = await tokens.create(
          {
            userId: user.id,
            purpose: 'reset-password',
            tokenHash: hashToken(token),
            expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
          },
          tx,
        );
        await email.queue(tx, [
          {
            key: `reset-password.${user.id}.${id}`,
            to: user.email,
            userId: user.id,
            template: accountTemplateNames.resetPassword,
            locale: user.language,
            data: { token, ...(user.name ? { name: user.name } : {}) },
          },
        ]);
        await ctx.auditUser(user, { action: auditActions.passwordResetRequest }, origin, tx);
      });
    },

    /** Sets a new password from a reset link; logs out every session of the account. */
    async confirmPasswordReset(token: string, password: string, origin: Origin): Promise<void> {
      const tokenHash = hashToken(token);
      const user = await ctx.transaction(async (tx) => {
        const now = ctx.now();
        const used = await tokens.consume('reset-password', tokenHash, now, tx);
        const owner = used && (await users.findById(used.userId, tx));
        if (!owner) throw tokenInvalid();
        // A weak password aborts the transaction, so the link still works for a second try.
        assertStrongPassword(password, owner.email);
        await users.update(owner.id, { passwordHash: await hashPassword(password) }, tx);
        // Following the emailed link proves the address is theirs.
        await users.markVerified(owner.id, now, tx);
        await tokens.retireAll(owner.id, 'reset-password', now, tx);
        await ctx.sessions.revokeAll(owner.id, now, { tx });
        await email.queue(tx, [
          {
            key: `password-changed.${owner.id}.${tokenHash.slice(0, 16)}`,
            to: owner.email,
            userId: owner.id,
            template: accountTemplateNames.passwordChanged,
            locale: owner.language,
            data: owner.name ? { name: owner.name } : {},
          },
        ]);
        await ctx.auditUser(owner, { action: auditActions.passwordReset }, origin, tx);
        return owner;
      });
      await limits.loginAccount.reset(user.email).catch(() => undefined);
    },

    /** Creates a verified platform admin, or promotes an existing account (used by the CLI). */
    async ensureAdmin(
      address: string,
      password: string | undefined,
      origin: Origin,
    ): Promise<{ user: User; created: boolean }> {
      const existing = await users.findByEmail(address);
      const now = ctx.now();
      if (existing) {
        const user = await ctx.transaction(async (tx) => {
          const updated = await users.update(
            existing.id,
            { isAdmin: true, emailVerifiedAt: existing.emailVerifiedAt ?? now },
            tx,
          );
          await ctx.audit.record(
            {
              // The actor is whoever ran the CLI on the server (in userAgent), not the account itself.
              action: auditActions.adminPromote,
              targetType: 'user',
              targetId: existing.id,
              details: { via: 'cli', email: existing.email },
              ...origin,
            },
            tx,
          );
          return updated!;
        });
        return { user, created: false };
      }
      if (!password)
        throw errors.badRequest('password_required', 'A password is needed to create a new account.');
      assertStrongPassword(password, address);
      const passwordHash = await hashPassword(password);
      const user = await ctx.transaction(async (tx) => {
        const created = await users.create(
          { email: address, passwordHash, language: 'sv', isAdmin: true, emailVerifiedAt: now },
          tx,
        );
        await ctx.audit.record(
          {
            // The actor is whoever ran the CLI on the server (in userAgent), not the account itself.
            action: auditActions.adminCreate,
            targetType: 'user',
            targetId: created.id,
            details: { via: 'cli', email: created.email },
            ...origin,
          },
          tx,
        );
        return created;
      });
      return { user, created: true };
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
