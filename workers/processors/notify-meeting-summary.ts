import { notifyMeetingSummaryJob } from '../../server/modules/meetings/meetings.events.js';
import { defineProcessor } from '../define-worker.js';
import { meetingNotifierFor } from './meeting-notifier.js';

/** The meeting summary is published: followers of the need (and participants) are told. */
export const notifyMeetingSummaryProcessor = defineProcessor(
  notifyMeetingSummaryJob,
  async ({ meetingId }, { deps }) => meetingNotifierFor(deps).notifySummary(meetingId),
);
