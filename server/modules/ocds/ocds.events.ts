import { z } from 'zod';
import type { EventRoutes, RoutedJob } from '../../platform/outbox/relay.js';
import { defineJob } from '../../platform/queue/jobs.js';
import type { OutboxEventDoc } from '../../platform/outbox/outbox.model.js';

// The event types are repeated as strings so this module does not import the features' event
// files (which import their jobs); they are checked against those files in the unit tests.
const NEED_EVENTS = ['need.published', 'need.updated', 'need.changed'];
const MEETING_EVENTS = [
  'meeting.published',
  'meeting.changed',
  'meeting.cancelled',
  'meeting.summary_published',
];
const QUESTION_EVENTS = ['question.published'];
export const OCDS_EVENT_TYPES = [...NEED_EVENTS, ...MEETING_EVENTS, ...QUESTION_EVENTS];

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

/**
 * A public change of a need happened (published, edited, closed, hidden or restored; a meeting
 * published, moved, cancelled or summarised; a question answered): its OCDS releases are brought
 * up to date. Exactly one of the ids names what changed; `at` is when (the outbox event's time).
 */
export const recordOcdsReleaseJob = defineJob({
  name: 'record-ocds-release',
  queue: 'maintenance',
  schema: z
    .object({
      needId: objectId.optional(),
      meetingId: objectId.optional(),
      questionId: objectId.optional(),
      at: z.iso.datetime(),
    })
    .refine((p) => [p.needId, p.meetingId, p.questionId].filter(Boolean).length === 1, {
      message: 'exactly one of needId, meetingId, questionId',
    }),
});

/** Nightly: writes the dated dump of every release (gzipped JSON Lines) to OPEN_DATA_DIR. */
export const writeOcdsDumpJob = defineJob({
  name: 'write-ocds-dump',
  queue: 'maintenance',
  schema: z.object({ at: z.iso.datetime().optional() }),
});

/** 03:15 Europe/Stockholm, after the evening's edits and before the working day. */
export const OCDS_DUMP_SCHEDULE = { id: 'ocds-dump-nightly', pattern: '15 3 * * *', tz: 'Europe/Stockholm' };

const at = (event: OutboxEventDoc) => ((event as { createdAt?: Date }).createdAt ?? new Date()).toISOString();

function route(key: 'needId' | 'meetingId' | 'questionId') {
  return (event: OutboxEventDoc): RoutedJob[] => [
    { job: recordOcdsReleaseJob, payload: { [key]: String(event.payload[key]), at: at(event) } },
  ];
}

export const ocdsEventRoutes: EventRoutes = Object.fromEntries([
  ...NEED_EVENTS.map((t) => [t, route('needId')]),
  ...MEETING_EVENTS.map((t) => [t, route('meetingId')]),
  ...QUESTION_EVENTS.map((t) => [t, route('questionId')]),
]);
