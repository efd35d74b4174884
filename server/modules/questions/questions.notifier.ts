import type { Connection } from 'mongoose';
import type { Config } from '../../config.js';
import { createOutbox, inTransaction } from '../../platform/outbox/outbox.js';
import { createUsersRepository } from '../accounts/users.repository.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import { isPublic } from '../needs/needs.types.js';
import { createEmailService, type EmailRequest } from '../notifications/email.service.js';
import { createNotifier } from '../subscriptions/notifier.js';
import { questionTemplateNames } from './questions.emails.js';
import { createSubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { createQuestionsRepository } from './questions.repository.js';

export type QuestionNotifyResult = { followers: number; askers: number } | { skipped: string };

const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Tells people about questions, from outbox events. Followers of the need hear of a published
 * question as a change to the need (instant email or their digest, through the subscriptions'
 * notifier); the asker (and askers of merged duplicates) get the answer itself. Nothing names
 * who asked. Repeating a job mails nobody twice (delivery keys, unique digest items).
 */
export function createQuestionNotifier(deps: { mongo: Connection; config: Config }) {
  const { mongo, config } = deps;
  const questions = createQuestionsRepository(mongo);
  const needs = createNeedsRepository(mongo);
  const users = createUsersRepository(mongo);
  const subscriptions = createSubscriptionsRepository(mongo);
  const emails = createEmailService({ mongo, outbox: createOutbox(mongo) });
  const notifier = createNotifier({ mongo, config });

  async function queue(requests: EmailRequest[]) {
    if (requests.length === 0) return 0;
    return inTransaction(mongo, (tx) => emails.queue(tx, requests));
  }

  return {
    async published(questionId: string): Promise<QuestionNotifyResult> {
      const question = await questions.findById(questionId);
      if (!question || question.status !== 'published' || !question.answer)
        return { skipped: 'not published' };
      const need = await needs.findById(question.needId);
      if (!need || !isPublic(need)) return { skipped: 'need not public' };
      const followers = await subscriptions.followersOf(need.id);
      const fanOut = await notifier.needChanged(
        { id: need.id, title: need.title, summary: need.summary },
        {
          id: `question.${question.id}`,
          lines: {
            sv: [`Ny fråga besvarad: ”${clip(question.text)}”`, `Svar: ${clip(question.answer.text)}`],
            en: [`New question answered: “${clip(question.text)}”`, `Answer: ${clip(question.answer.text)}`],
          },
        },
        followers,
      );
      const following = new Set(followers.map((f) => f.userId));
      const merged = await questions.mergedInto(question.id);
      const askers = [question, ...merged].filter((q) => q.askedByUserId && !following.has(q.askedByUserId));
      const accounts = new Map(
        (await users.findByIds(askers.map((q) => q.askedByUserId!)))
          .filter((u) => u.emailVerifiedAt)
          .map((u) => [u.id, u]),
      );
      const requests = askers.flatMap((q): EmailRequest[] => {
        const user = accounts.get(q.askedByUserId!);
        if (!user) return [];
        return [
          {
            key: `question.answered.${question.id}.${user.id}`,
            to: user.email,
            userId: user.id,
            template: questionTemplateNames.answered,
            locale: user.language,
            data: {
              needId: need.id,
              needTitle: need.title,
              question: question.text,
              answer: question.answer!.text,
              merged: q.id !== question.id,
            },
          },
        ];
      });
      return { followers: fanOut.instant + fanOut.digest, askers: await queue(requests) };
    },

    async rejected(questionId: string): Promise<QuestionNotifyResult> {
      const question = await questions.findById(questionId);
      if (!question || question.status !== 'rejected' || !question.askedByUserId)
        return { skipped: 'not rejected' };
      const need = await needs.findById(question.needId);
      const user = await users.findById(question.askedByUserId);
      if (!need || !user?.emailVerifiedAt) return { skipped: 'gone' };
      const queued = await queue([
        {
          key: `question.rejected.${question.id}`,
          to: user.email,
          userId: user.id,
          template: questionTemplateNames.rejected,
          locale: user.language,
          data: {
            needId: need.id,
            needTitle: need.title,
            question: question.originalText,
            reason: question.rejectionReason ?? '',
          },
        },
      ]);
      return { followers: 0, askers: queued };
    },
  };
}

export type QuestionNotifier = ReturnType<typeof createQuestionNotifier>;
