import type { PersonalDataProvider } from '../accounts/personal-data.js';
import type { QuestionsRepository } from './questions.repository.js';

/** Questions a user asked: exported with the account; on deletion the question stays, the person goes. */
export function questionsPersonalData(deps: { questions: QuestionsRepository }): PersonalDataProvider {
  return {
    name: 'questions',
    async export(userId) {
      return (await deps.questions.listForUser(userId)).map((q) => ({
        id: q.id,
        needId: q.needId,
        question: q.originalText,
        status: q.status,
        askedAt: q.createdAt.toISOString(),
      }));
    },
    async assertCanDelete() {},
    async deleteFor(userId, session) {
      await deps.questions.forgetUser(userId, session);
    },
  };
}
