import { errors } from '../../platform/errors.js';
import type { PersonalDataProvider } from '../accounts/personal-data.js';
import type { MembershipsRepository, OrganisationsRepository } from './organisations.repository.js';

/** Memberships are personal data: exported with the account, deleted with it. */
export function organisationsPersonalData(deps: {
  organisations: OrganisationsRepository;
  memberships: MembershipsRepository;
}): PersonalDataProvider {
  const { organisations, memberships } = deps;
  return {
    name: 'organisations',
    async export(userId) {
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
      };
    },
    async assertCanDelete(userId) {
      const owned = (await memberships.listForUser(userId)).filter((m) => m.role === 'owner');
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
    },
  };
}
