import {
  createQuestionNotifier,
  type QuestionNotifier,
} from '../../server/modules/questions/questions.notifier.js';
import { notifyQuestionPublishedJob } from '../../server/modules/questions/questions.events.js';
import type { Deps } from '../../server/platform/deps.js';
import { defineProcessor } from '../define-worker.js';

const notifiers = new WeakMap<Deps, QuestionNotifier>();
export function questionNotifierFor(deps: Deps): QuestionNotifier {
  let notifier = notifiers.get(deps);
  if (!notifier) {
    notifier = createQuestionNotifier(deps);
    notifiers.set(deps, notifier);
  }
  return notifier;
}

/** A question was published with its answer: followers of the need and the asker(s) are told. */
export const notifyQuestionPublishedProcessor = defineProcessor(
  notifyQuestionPublishedJob,
  async ({ questionId }, { deps }) => questionNotifierFor(deps).published(questionId),
);
