import type { OutboxEventInput } from '../../platform/outbox/outbox.js';
import type { EventRoutes, RoutedJob } from '../../platform/outbox/relay.js';
import { jobId } from '../../platform/queue/jobs.js';
import { syncSearchIndexJob } from '../../platform/search/search.jobs.js';
import { SUPPLIERS_INDEX } from './suppliers-search.js';

/**
 * Outbox events of the supplier profiles. Payloads carry ids only.
 *  - `supplier.profileChanged` `{ ids }`: one or more profiles changed in a way others may see
 *    (listing, approved content, searchable facts). The search index follows; matching
 *    (issue 6) re-matches on it.
 *  - `supplier.organisationDeleted` `{ ids }`: the organisations and their profiles are gone;
 *    the index drops them, and features holding references (subscriptions, matches, mail)
 *    forget them.
 */
export const SUPPLIER_PROFILE_CHANGED = 'supplier.profileChanged';
export const SUPPLIER_ORGANISATION_DELETED = 'supplier.organisationDeleted';

/** The most ids one sync job takes (the job contract's limit). */
const SYNC_BATCH = 5_000;

export function profileChanged(ids: string[]): OutboxEventInput {
  return { type: SUPPLIER_PROFILE_CHANGED, payload: { ids } };
}

export function organisationDeleted(id: string): OutboxEventInput {
  return { type: SUPPLIER_ORGANISATION_DELETED, payload: { ids: [id] } };
}

function syncJobs(event: { _id: unknown; payload: unknown }): RoutedJob[] {
  const raw = (event.payload as { ids?: unknown }).ids;
  const ids = Array.isArray(raw) ? raw.map(String) : [];
  const jobs: RoutedJob[] = [];
  for (let i = 0; i < ids.length; i += SYNC_BATCH) {
    jobs.push({
      job: syncSearchIndexJob,
      payload: { index: SUPPLIERS_INDEX, ids: ids.slice(i, i + SYNC_BATCH) },
      jobId: jobId(syncSearchIndexJob.name, SUPPLIERS_INDEX, String(event._id), i / SYNC_BATCH),
    });
  }
  return jobs;
}

export const supplierEventRoutes: EventRoutes = {
  [SUPPLIER_PROFILE_CHANGED]: syncJobs,
  [SUPPLIER_ORGANISATION_DELETED]: syncJobs,
};
