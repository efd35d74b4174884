import { notifyQuestionRejectedJob } from '../../server/modules/questions/questions.events.js';
import { defineProcessor } from '../define-worker.js';
import { questionNotifierFor } from './notify-question-published.js';

/** A question was declined: the asker is told why. */
export const notifyQuestionRejectedProcessor = defineProcessor(
  notifyQuestionRejectedJob,
  async ({ questionId }, { deps }) => questionNotifierFor(deps).rejected(questionId),
);
