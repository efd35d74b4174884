import type { PersonalDataProvider } from '../accounts/personal-data.js';
import type { UsersRepository } from '../accounts/users.repository.js';
import type { RegistrationsRepository } from './registrations.repository.js';

/**
 * Registrations name who registered and the participants (names, emails): exported with the
 * account. Deleting the account keeps the organisation's registration (its place and the
 * network's attendance record) but removes the person from it.
 */
export function meetingsPersonalData(deps: {
  registrations: RegistrationsRepository;
  users: UsersRepository;
}): PersonalDataProvider {
  return {
    name: 'meetingRegistrations',
    async export(userId) {
      const list = await deps.registrations.listForUser(userId);
      return list.map((r) => ({
        meetingId: r.meetingId,
        organisationId: r.organisationId,
        status: r.status,
        participants: r.participants,
        answers: r.answers,
        createdAt: r.createdAt.toISOString(),
      }));
    },
    async assertCanDelete() {},
    async deleteFor(userId, session) {
      const user = await deps.users.findById(userId, session);
      await deps.registrations.forgetUser(userId, user?.email ?? '', session);
    },
  };
}
