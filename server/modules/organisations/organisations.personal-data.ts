import { errors } from '../../platform/errors.js';
import type { PersonalDataProvider } from '../accounts/personal-data.js';
import type { OrgInvitationsRepository } from './org-invitations.repository.js';
import { normaliseInvitedEmail } from './org-invitations.service.js';
import type { MembershipsRepository, OrganisationsRepository } from './organisations.repository.js';
import type { UserDirectory } from './user-directory.js';

/**
 * Memberships and the invitations addressed to the user are personal data: exported with the
 * account, deleted with it.
 */
export function organisationsPersonalData(deps: {
  organisations: OrganisationsRepository;
  memberships: MembershipsRepository;
  invitations: OrgInvitationsRepository;
  users: UserDirectory;
}): PersonalDataProvider {
  const { organisations, memberships, invitations, users } = deps;
  const emailOf = async (userId: string) => {
    const [user] = await users.findByIds([userId]);
    return user ? normaliseInvitedEmail(user.email) : undefined;
  };
  return {
    name: 'organisations',
    async export(userId) {
      const email = await emailOf(userId);
      const invited = email ? await invitations.listForEmail(email) : [];
      const own = await memberships.listForUser(userId);
      const orgs = new Map(
        (await organisations.findByIds(own.map((m) => m.organisationId))).map((o) => [o.id, o]),
      );
      return {
        memberships: own.map((m) => ({
          organisationId: m.organisationId,
          organisationName: orgs.get(m.organisationId)?.name,
          orgNumber: orgs.get(m.organisationId)?.orgNumber,
          role: m.role,
          since: m.createdAt.toISOString(),
        })),
        invitations: invited.map((i) => ({
          organisationId: i.organisationId,
          role: i.role,
          status: i.status,
          sent: i.createdAt.toISOString(),
        })),
      };
    },
    async assertCanDelete(userId) {
      // Only ownerships the person accepted (or created) hold the account back.
      const owned = (await memberships.listForUser(userId)).filter((m) => m.role === 'owner' && m.consented);
      const sole: string[] = [];
      for (const m of owned) {
        const owners = await memberships.ownerIds(m.organisationId);
        if (owners.every((id) => id === userId)) sole.push(m.organisationId);
      }
      if (sole.length === 0) return;
      const orgs = await organisations.findByIds(sole);
      throw errors.conflict(
        'sole_owner',
        `You are the only owner of ${orgs.map((o) => o.name).join(', ')}. Make someone else owner first.`,
        { organisations: orgs.map((o) => ({ id: o.id, name: o.name })) },
      );
    },
    async deleteFor(userId, session) {
      const own = await memberships.listForUser(userId, session);
      for (const m of own) await organisations.touchMembers(m.organisationId, session);
      await memberships.removeAllForUser(userId, session);
      const email = await emailOf(userId);
      if (email) await invitations.forget(userId, email, session);
    },
  };
}
