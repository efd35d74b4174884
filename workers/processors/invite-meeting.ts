import { inviteMeetingJob } from '../../server/modules/meetings/meetings.events.js';
import { defineProcessor } from '../define-worker.js';
import { meetingNotifierFor } from './meeting-notifier.js';

/** A meeting was published: matched suppliers and followers of the need get an invitation (.ics). */
export const inviteMeetingProcessor = defineProcessor(
  inviteMeetingJob,
  async ({ meetingId, sequence }, { deps }) => meetingNotifierFor(deps).invite(meetingId, sequence),
);
