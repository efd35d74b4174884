import { remindMeetingJob } from '../../server/modules/meetings/meetings.events.js';
import { defineProcessor } from '../define-worker.js';
import { meetingNotifierFor } from './meeting-notifier.js';

/**
 * The delayed reminder, 24 hours before the start. A job of an older sequence (the meeting was
 * moved since) or of a cancelled meeting does nothing; cancelled registrations are not reminded.
 */
export const sendReminderProcessor = defineProcessor(
  remindMeetingJob,
  async ({ meetingId, sequence }, { deps }) => meetingNotifierFor(deps).remind(meetingId, sequence),
);
