import type { Principal } from '../../platform/auth/principal.js';
import { errors } from '../../platform/errors.js';
import { auditActions, type AccountsContext, type Origin } from './accounts.context.js';
import type { SessionsService } from './sessions.service.js';
import type { Language, User } from './users.repository.js';

/** The profile, and the data rights: export everything, delete the account. */
export function createPrivacyService(
  ctx: AccountsContext,
  sessionsService: Pick<SessionsService, 'confirmPassword'>,
) {
  const { users, sessions, privacy, providers } = ctx;

  async function current(principal: Principal): Promise<User> {
    const user = await users.findById(principal.userId);
    if (!user) throw errors.unauthorized();
    return user;
  }

  return {
    getMe: current,

    async updateMe(
      principal: Principal,
      changes: { name?: string | null; language?: Language },
    ): Promise<User> {
      const updated = await users.update(principal.userId, {
        ...(changes.name !== undefined ? { name: changes.name ?? '' } : {}),
        ...(changes.language ? { language: changes.language } : {}),
      });
      if (!updated) throw errors.unauthorized();
      return updated;
    },

    /** Everything held about the user (GDPR art. 15), including every module's contribution. */
    async exportData(principal: Principal) {
      const user = await current(principal);
      const [profile, allSessions, auditLog, emails, contributions] = await Promise.all([
        users.rawById(user.id),
        sessions.listAll(user.id),
        privacy.auditEntriesAbout(user.id, user.email),
        privacy.deliveriesTo(user.id, user.email),
        Promise.all(providers.map(async (p) => [p.name, await p.export(user.id)] as const)),
      ]);
      return {
        exportedAt: ctx.now().toISOString(),
        user: { ...profile, id: user.id },
        // Token and CSRF hashes are secrets of the platform, not data about the person.
        sessions: allSessions.map(({ csrfHash: _c, ...s }) => s),
        auditLog,
        emails,
        modules: Object.fromEntries(contributions),
      };
    },

    /**
     * Deletes the account (GDPR art. 17): every module checks first (e.g. sole owner of an
     * organisation → 409), then in one transaction modules delete their data, the audit log and
     * emails lose the address, sessions and tokens go, and the user document is anonymised.
     */
    async deleteAccount(principal: Principal, password: string, origin: Origin): Promise<void> {
      const user = await current(principal);
      await sessionsService.confirmPassword(user, password, 'password', origin, auditActions.delete);
      for (const provider of providers) await provider.assertCanDelete(user.id);
      await ctx.transaction(async (tx) => {
        const now = ctx.now();
        for (const provider of providers) await provider.deleteFor(user.id, tx);
        await privacy.scrub(user.id, user.email, tx);
        await ctx.tokens.deleteAllFor(user.id, tx);
        await sessions.revokeAll(user.id, now, { tx });
        await users.anonymise(user.id, now, tx);
        await ctx.audit.record(
          { action: auditActions.delete, actorId: user.id, targetType: 'user', targetId: user.id, ...origin },
          tx,
        );
      });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
