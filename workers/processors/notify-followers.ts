import { notifyFollowersJob } from '../../server/modules/matching/matching.jobs.js';
import { defineProcessor } from '../define-worker.js';
import { matchingServiceFor } from './match-need.js';

/** Change alerts: every follower of the need hears about the change once (instant or in a digest). */
export const notifyFollowersProcessor = defineProcessor(
  notifyFollowersJob,
  async ({ needId, changeId }, { deps }) => matchingServiceFor(deps).notifyFollowers(needId, changeId),
);
