import type { PersonalDataProvider } from '../accounts/personal-data.js';
import type { BuyerGroupsRepository } from './buyer-groups.repository.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { NetworksRepository } from './networks.repository.js';

/**
 * Networks keep who created them and who invited or answered; those references are the user's
 * data. Networks and invitations belong to the organisations, so they stay; the links to the
 * person go. (The network contact is text the coordinator enters and edits.)
 */
export function networksPersonalData(deps: {
  networks: NetworksRepository;
  groups: BuyerGroupsRepository;
  invitations: InvitationsRepository;
}): PersonalDataProvider {
  return {
    name: 'networks',
    async export(userId) {
      const [created, invitationsSent] = await Promise.all([
        deps.networks.createdBy(userId),
        deps.invitations.countByUser(userId),
      ]);
      return {
        networksCreated: created.map((n) => ({
          id: n.id,
          name: n.name,
          createdAt: n.createdAt.toISOString(),
        })),
        invitationsSent,
      };
    },
    async assertCanDelete() {},
    async deleteFor(userId, session) {
      await deps.networks.forgetCreator(userId, session);
      await deps.groups.forgetCreator(userId, session);
      await deps.invitations.forgetUser(userId, session);
    },
  };
}
