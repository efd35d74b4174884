import type { OutboxEventInput } from '../../platform/outbox/outbox.js';
import type { EventRoutes } from '../../platform/outbox/relay.js';
import type { JobDefinition } from '../../platform/queue/jobs.js';
import { syncSearchIndexJob } from '../../platform/search/search.jobs.js';
import { NEEDS_INDEX } from './needs-search.js';

/** A need's public state may have changed: its search document is rebuilt from MongoDB. */
export const NEED_CHANGED = 'need.changed';
/** A need was approved and is public (issue 6: matching starts here). */
export const NEED_PUBLISHED = 'need.published';
/** A published need was edited or closed; `changeId` names its change-log entry (issue 6: followers are told). */
export const NEED_UPDATED = 'need.updated';

export const needEvents = {
  changed: (needId: string, version: number): OutboxEventInput => ({
    type: NEED_CHANGED,
    payload: { needId },
    key: `${NEED_CHANGED}.${needId}.${version}`,
  }),
  /** `version` names the matching job, so the approval's two events make one job. */
  published: (needId: string, version: number): OutboxEventInput => ({
    type: NEED_PUBLISHED,
    payload: { needId, version },
    key: `${NEED_PUBLISHED}.${needId}`,
  }),
  updated: (needId: string, changeId: string): OutboxEventInput => ({
    type: NEED_UPDATED,
    payload: { needId, changeId },
    key: `${NEED_UPDATED}.${changeId}`,
  }),
};

/**
 * The platform's sync job with retries that outlast a long Meilisearch outage: every 10 s (with
 * jitter) for a day, instead of the default 8 attempts with exponential backoff, which give up
 * after about two minutes — an update made early in a longer outage would never reach the index.
 * The job is idempotent (it writes the need's current state), so retrying is always safe.
 */
export const syncNeedIndexJob: JobDefinition<typeof syncSearchIndexJob.schema> = {
  ...syncSearchIndexJob,
  options: { attempts: 8_640, backoff: { type: 'fixed', delay: 10_000, jitter: 0.3 } },
};

const syncIndex = (needId: unknown) => ({
  job: syncNeedIndexJob,
  payload: { index: NEEDS_INDEX, ids: [String(needId)] },
});

export const needEventRoutes: EventRoutes = {
  [NEED_CHANGED]: (event) => [syncIndex(event.payload.needId)],
  // Matching (issue 6) adds match-need here; until then the index sync is all it causes.
  [NEED_PUBLISHED]: (event) => [syncIndex(event.payload.needId)],
  // Stored in the change log and the outbox; follower alerts (issue 6) will route it to a job.
  [NEED_UPDATED]: () => [],
};
