import { confirmRegistrationJob } from '../../server/modules/meetings/meetings.events.js';
import { defineProcessor } from '../define-worker.js';
import { meetingNotifierFor } from './meeting-notifier.js';

/** Confirms a registration or a waitlist place by email (the registered get the .ics). */
export const notifyMeetingRegistrationProcessor = defineProcessor(
  confirmRegistrationJob,
  async ({ registrationId }, { deps }) => meetingNotifierFor(deps).confirmRegistration(registrationId),
);
