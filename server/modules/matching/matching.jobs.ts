import { z } from 'zod';
import type { EventRoutes, RoutedJob } from '../../platform/outbox/relay.js';
import { jobId } from '../../platform/queue/jobs.js';
import { defineJob } from '../../platform/queue/jobs.js';

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

/** Matches a need against the suppliers index and tells the subscriptions it satisfies. */
export const matchNeedJob = defineJob({
  name: 'match-need',
  queue: 'matching',
  schema: z.object({ needId: objectId }),
});

/**
 * Re-matches one supplier profile against the open published needs. Superseded by
 * `match-suppliers` (2026-11-21); kept so that jobs queued before then still run.
 */
export const matchSupplierJob = defineJob({
  name: 'match-supplier',
  queue: 'matching',
  schema: z.object({ supplierId: objectId }),
});

/** The most profiles one `match-suppliers` job takes. */
export const MATCH_SUPPLIERS_BATCH = 500;

/**
 * Re-matches supplier profiles against the open published needs, one after the other. One job
 * per 500 profiles, so a bulk import of 100,000 profiles queues 200 jobs, not 100,000. A retry
 * re-matches the whole batch: matching is idempotent and each email has its delivery key.
 */
export const matchSuppliersJob = defineJob({
  name: 'match-suppliers',
  queue: 'matching',
  schema: z.object({ supplierIds: z.array(objectId).min(1).max(MATCH_SUPPLIERS_BATCH) }),
});

/** Tells the followers of a need about one change-log entry. */
export const notifyFollowersJob = defineJob({
  name: 'notify-followers',
  queue: 'matching',
  schema: z.object({ needId: objectId, changeId: objectId }),
});

// The event names of the needs and suppliers modules (see needs.events.ts, suppliers.events.ts).
const NEED_CHANGED = 'need.changed';
const NEED_PUBLISHED = 'need.published';
const NEED_UPDATED = 'need.updated';
const SUPPLIER_PROFILE_CHANGED = 'supplier.profileChanged';
const SUPPLIER_ORGANISATION_DELETED = 'supplier.organisationDeleted';

/**
 * One match-need job per need version, named by the work (`match-need.<needId>.<version>`): the
 * version comes from the event's key (`need.changed.<needId>.<version>`) or, for
 * `need.published`, its payload, so the two events of one approval add the job once. An event
 * without a version (recorded before versions were carried) falls back to its own id.
 */
export function matchNeed(event: {
  _id: unknown;
  key?: string | null;
  payload: Record<string, unknown>;
}): RoutedJob[] {
  const needId = String(event.payload.needId);
  const fromKey = event.key?.startsWith(`${NEED_CHANGED}.${needId}.`)
    ? event.key.slice(`${NEED_CHANGED}.${needId}.`.length)
    : null;
  const fromPayload = typeof event.payload.version === 'number' ? String(event.payload.version) : null;
  const version = fromKey ?? fromPayload;
  return [
    {
      job: matchNeedJob,
      payload: { needId },
      jobId: version
        ? jobId(matchNeedJob.name, needId, version)
        : jobId(matchNeedJob.name, String(event._id)),
    },
  ];
}

export function matchSuppliers(event: { _id: unknown; payload: Record<string, unknown> }): RoutedJob[] {
  const ids = Array.isArray(event.payload.ids) ? [...new Set(event.payload.ids.map(String))] : [];
  const jobs: RoutedJob[] = [];
  for (let i = 0; i < ids.length; i += MATCH_SUPPLIERS_BATCH) {
    jobs.push({
      job: matchSuppliersJob,
      payload: { supplierIds: ids.slice(i, i + MATCH_SUPPLIERS_BATCH) },
      jobId: jobId(matchSuppliersJob.name, String(event._id), i / MATCH_SUPPLIERS_BATCH),
    });
  }
  return jobs;
}

/** What matching adds to other features' events; combined with their own routes in workers/event-routes.ts. */
export const matchingEventRoutes: EventRoutes = {
  // Approval records need.changed and need.published in one transaction, at one version: both
  // name the same job (`match-need.<needId>.<version>`), so one approval makes one job; a
  // need.published alone (older events, imports) still starts matching. Any write to a need:
  // the matcher re-matches only when codes, regions or text changed.
  [NEED_CHANGED]: matchNeed,
  [NEED_PUBLISHED]: matchNeed,
  [NEED_UPDATED]: (event) => [
    {
      job: notifyFollowersJob,
      payload: { needId: String(event.payload.needId), changeId: String(event.payload.changeId) },
      jobId: jobId(notifyFollowersJob.name, String(event.payload.changeId)),
    },
  ],
  [SUPPLIER_PROFILE_CHANGED]: matchSuppliers,
  [SUPPLIER_ORGANISATION_DELETED]: matchSuppliers,
};
