import { notifyMeetingChangeJob } from '../../server/modules/meetings/meetings.events.js';
import { defineProcessor } from '../define-worker.js';
import { meetingNotifierFor } from './meeting-notifier.js';

/** Rescheduled or cancelled: everyone registered gets the updated event (or METHOD:CANCEL). */
export const notifyMeetingChangeProcessor = defineProcessor(
  notifyMeetingChangeJob,
  async ({ meetingId, sequence, change }, { deps }) =>
    meetingNotifierFor(deps).notifyChange(meetingId, sequence, change),
);
