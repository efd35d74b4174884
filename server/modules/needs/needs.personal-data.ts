import type { PersonalDataProvider } from '../accounts/personal-data.js';
import type { NeedsRepository } from './needs.repository.js';

/**
 * Needs belong to their networks and stay; what ties them to a person goes: the creator, the
 * author of each change (the change log keeps the organisation) and the person's reports. The
 * public contact point is text the network enters and edits, like the network's own contact.
 */
export function needsPersonalData(deps: { needs: NeedsRepository }): PersonalDataProvider {
  return {
    name: 'needs',
    async export(userId) {
      const data = await deps.needs.personalData(userId);
      return {
        needsCreated: data.needsCreated.map((n) => ({
          id: n.id,
          title: n.title,
          createdAt: n.createdAt.toISOString(),
        })),
        changesMade: data.changes,
        reports: data.reports.map((r) => ({
          needId: r.needId,
          reason: r.reason,
          status: r.status,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
    async assertCanDelete() {},
    async deleteFor(userId, session) {
      await deps.needs.forgetUser(userId, session);
    },
  };
}
