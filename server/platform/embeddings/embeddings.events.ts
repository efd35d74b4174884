import type { EventRoutes, RoutedJob } from '../outbox/relay.js';
import { jobId } from '../queue/jobs.js';
import { embedDocumentsJob } from './embeddings.jobs.js';
import type { DocumentKind } from './types.js';

// The event names are the needs' and suppliers' own (needs.events.ts, suppliers.events.ts);
// repeated as strings so the platform does not import the feature modules' event files.
const NEED_EVENTS = ['need.changed', 'need.published'];
const PROFILE_EVENTS = ['supplier.profileChanged'];
const BATCH = 5_000;

function jobsFor(kind: DocumentKind, event: { _id: unknown; payload: unknown }): RoutedJob[] {
  const payload = event.payload as { needId?: unknown; ids?: unknown };
  const ids =
    kind === 'need' ? [String(payload.needId)] : Array.isArray(payload.ids) ? payload.ids.map(String) : [];
  const jobs: RoutedJob[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    jobs.push({
      job: embedDocumentsJob,
      payload: { kind, ids: ids.slice(i, i + BATCH) },
      jobId: jobId(embedDocumentsJob.name, kind, String(event._id), i / BATCH),
    });
  }
  return jobs;
}

/**
 * Every change that may change what a need or profile says is embedded again (the job skips
 * texts whose hash is unchanged; with EMBEDDINGS_URL=off it does nothing).
 */
export const embeddingEventRoutes: EventRoutes = Object.fromEntries([
  ...NEED_EVENTS.map(
    (type) => [type, (e: { _id: unknown; payload: unknown }) => jobsFor('need', e)] as const,
  ),
  ...PROFILE_EVENTS.map(
    (type) => [type, (e: { _id: unknown; payload: unknown }) => jobsFor('supplier', e)] as const,
  ),
]);
