import { z } from 'zod';
import type { OutboxEventInput } from '../../platform/outbox/outbox.js';
import type { EventRoutes } from '../../platform/outbox/relay.js';
import { defineJob, jobId } from '../../platform/queue/jobs.js';

/** A meeting became public: invitations go to matched suppliers and followers of the need. */
export const MEETING_PUBLISHED = 'meeting.published';
/** A meeting's start is (re)set: a reminder is scheduled for 24 hours before it. */
export const MEETING_SCHEDULED = 'meeting.scheduled';
/** Time or place changed (`sequence` raised): everyone registered gets the updated event. */
export const MEETING_CHANGED = 'meeting.changed';
/** The meeting was cancelled: everyone registered gets METHOD:CANCEL. */
export const MEETING_CANCELLED = 'meeting.cancelled';
/** The network published the meeting's summary: followers are told. */
export const MEETING_SUMMARY_PUBLISHED = 'meeting.summary_published';

/** A supplier registered or joined the waitlist: the confirmation email follows. */
export const MEETING_REGISTRATION_CREATED = 'meeting.registration_created';

export const REMINDER_LEAD_MS = 24 * 3600 * 1000;

const objectId = z.string().regex(/^[0-9a-f]{24}$/);
const meetingRef = z.object({ meetingId: objectId, sequence: z.number().int().min(0) });

export const inviteMeetingJob = defineJob({ name: 'invite-meeting', queue: 'email', schema: meetingRef });
export const remindMeetingJob = defineJob({ name: 'remind-meeting', queue: 'email', schema: meetingRef });
export const notifyMeetingChangeJob = defineJob({
  name: 'notify-meeting-change',
  queue: 'email',
  schema: meetingRef.extend({ change: z.enum(['updated', 'cancelled']) }),
});
export const notifyMeetingSummaryJob = defineJob({
  name: 'notify-meeting-summary',
  queue: 'email',
  schema: z.object({ meetingId: objectId }),
});

export const confirmRegistrationJob = defineJob({
  name: 'confirm-registration',
  queue: 'email',
  schema: z.object({ registrationId: objectId }),
});

export const meetingEvents = {
  registrationCreated: (registrationId: string): OutboxEventInput => ({
    type: MEETING_REGISTRATION_CREATED,
    payload: { registrationId },
  }),
  published: (meetingId: string, sequence: number): OutboxEventInput => ({
    type: MEETING_PUBLISHED,
    payload: { meetingId, sequence },
    key: `${MEETING_PUBLISHED}.${meetingId}`,
  }),
  scheduled: (meetingId: string, sequence: number, startsAt: Date): OutboxEventInput => ({
    type: MEETING_SCHEDULED,
    payload: { meetingId, sequence, startsAt: startsAt.toISOString() },
    key: `${MEETING_SCHEDULED}.${meetingId}.${sequence}`,
  }),
  changed: (meetingId: string, sequence: number): OutboxEventInput => ({
    type: MEETING_CHANGED,
    payload: { meetingId, sequence },
    key: `${MEETING_CHANGED}.${meetingId}.${sequence}`,
  }),
  cancelled: (meetingId: string, sequence: number): OutboxEventInput => ({
    type: MEETING_CANCELLED,
    payload: { meetingId, sequence },
    key: `${MEETING_CANCELLED}.${meetingId}`,
  }),
  summaryPublished: (meetingId: string): OutboxEventInput => ({
    type: MEETING_SUMMARY_PUBLISHED,
    payload: { meetingId },
    key: `${MEETING_SUMMARY_PUBLISHED}.${meetingId}`,
  }),
};

const ref = (payload: Record<string, unknown>) => ({
  meetingId: String(payload.meetingId),
  sequence: Number(payload.sequence),
});

/** When the meeting is less than a day away already, the reminder comes this long before it. */
export const LATE_REMINDER_LEAD_MS = 2 * 3600 * 1000;

/**
 * How long until the reminder of a meeting starting at `startsAt` is due: 24 hours before the
 * start, or, for a meeting scheduled (or moved) to less than a day away, 2 hours before it, so
 * that those who register in the meantime are reminded too. 0 when even that has passed.
 */
export function reminderDelay(startsAt: Date, now = Date.now()): number {
  const dayBefore = startsAt.getTime() - REMINDER_LEAD_MS - now;
  if (dayBefore >= 0) return dayBefore;
  return Math.max(0, startsAt.getTime() - LATE_REMINDER_LEAD_MS - now);
}

export const meetingEventRoutes: EventRoutes = {
  [MEETING_REGISTRATION_CREATED]: (event) => [
    {
      job: confirmRegistrationJob,
      payload: { registrationId: String(event.payload.registrationId) },
      jobId: jobId(confirmRegistrationJob.name, String(event.payload.registrationId)),
    },
  ],
  [MEETING_PUBLISHED]: (event) => {
    const p = ref(event.payload);
    return [
      { job: inviteMeetingJob, payload: p, jobId: jobId(inviteMeetingJob.name, p.meetingId, p.sequence) },
    ];
  },
  // One delayed job per (meeting, sequence): a reschedule adds a new job; the old one finds a
  // different sequence when it runs and does nothing.
  [MEETING_SCHEDULED]: (event) => {
    const p = ref(event.payload);
    return [
      {
        job: remindMeetingJob,
        payload: p,
        jobId: jobId(remindMeetingJob.name, p.meetingId, p.sequence),
        delay: reminderDelay(new Date(String(event.payload.startsAt))),
      },
    ];
  },
  [MEETING_CHANGED]: (event) => {
    const p = ref(event.payload);
    return [
      {
        job: notifyMeetingChangeJob,
        payload: { ...p, change: 'updated' as const },
        jobId: jobId(notifyMeetingChangeJob.name, p.meetingId, p.sequence),
      },
    ];
  },
  [MEETING_CANCELLED]: (event) => {
    const p = ref(event.payload);
    return [
      {
        job: notifyMeetingChangeJob,
        payload: { ...p, change: 'cancelled' as const },
        jobId: jobId(notifyMeetingChangeJob.name, p.meetingId, p.sequence),
      },
    ];
  },
  [MEETING_SUMMARY_PUBLISHED]: (event) => [
    {
      job: notifyMeetingSummaryJob,
      payload: { meetingId: String(event.payload.meetingId) },
      jobId: jobId(notifyMeetingSummaryJob.name, String(event.payload.meetingId)),
    },
  ],
};
