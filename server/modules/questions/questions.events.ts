import { z } from 'zod';
import type { OutboxEventInput } from '../../platform/outbox/outbox.js';
import type { EventRoutes } from '../../platform/outbox/relay.js';
import { defineJob, jobId } from '../../platform/queue/jobs.js';

/** A question and its answer became public (or a duplicate was merged into a published one). */
export const QUESTION_PUBLISHED = 'question.published';
/** The network declined a question: the asker is told why. */
export const QUESTION_REJECTED = 'question.rejected';

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

export const notifyQuestionPublishedJob = defineJob({
  name: 'notify-question-published',
  queue: 'email',
  schema: z.object({ questionId: objectId }),
});
export const notifyQuestionRejectedJob = defineJob({
  name: 'notify-question-rejected',
  queue: 'email',
  schema: z.object({ questionId: objectId }),
});

export const questionEvents = {
  /** `cause` tells apart a publication from later merges into the published question. */
  published: (questionId: string, cause: string = questionId): OutboxEventInput => ({
    type: QUESTION_PUBLISHED,
    payload: { questionId },
    key: `${QUESTION_PUBLISHED}.${questionId}.${cause}`,
  }),
  rejected: (questionId: string): OutboxEventInput => ({
    type: QUESTION_REJECTED,
    payload: { questionId },
    key: `${QUESTION_REJECTED}.${questionId}`,
  }),
};

export const questionEventRoutes: EventRoutes = {
  [QUESTION_PUBLISHED]: (event) => [
    {
      job: notifyQuestionPublishedJob,
      payload: { questionId: String(event.payload.questionId) },
      jobId: jobId(notifyQuestionPublishedJob.name, String(event._id)),
    },
  ],
  [QUESTION_REJECTED]: (event) => [
    {
      job: notifyQuestionRejectedJob,
      payload: { questionId: String(event.payload.questionId) },
      jobId: jobId(notifyQuestionRejectedJob.name, String(event.payload.questionId)),
    },
  ],
};
