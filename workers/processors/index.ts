import type { Processor } from '../define-worker.js';
import { embedDocumentsProcessor } from './embed-documents.js';
import { inviteMeetingProcessor } from './invite-meeting.js';
import { matchNeedProcessor } from './match-need.js';
import { matchSupplierProcessor, matchSuppliersProcessor } from './match-supplier.js';
import { notifyFollowersProcessor } from './notify-followers.js';
import { recordOcdsReleaseProcessor, writeOcdsDumpProcessor } from './ocds.js';
import { planDigestsProcessor } from './plan-digests.js';
import { notifyMeetingChangeProcessor } from './notify-meeting-change.js';
import { notifyMeetingRegistrationProcessor } from './notify-meeting-registration.js';
import { notifyMeetingSummaryProcessor } from './notify-meeting-summary.js';
import { notifyQuestionPublishedProcessor } from './notify-question-published.js';
import { notifyQuestionRejectedProcessor } from './notify-question-rejected.js';
import { sendDigestProcessor } from './send-digest.js';
import { sendEmailProcessor } from './send-email.js';
import { sendEmailsProcessor } from './send-emails.js';
import { sendReminderProcessor } from './send-reminder.js';
import { syncSearchIndexProcessor } from './sync-search-index.js';

/** Every job processor the workers process runs. */
export const processors: Processor[] = [
  sendEmailProcessor,
  sendEmailsProcessor,
  syncSearchIndexProcessor,
  embedDocumentsProcessor,
  matchNeedProcessor,
  matchSupplierProcessor,
  matchSuppliersProcessor,
  notifyFollowersProcessor,
  planDigestsProcessor,
  sendDigestProcessor,
  inviteMeetingProcessor,
  sendReminderProcessor,
  notifyMeetingChangeProcessor,
  notifyMeetingRegistrationProcessor,
  notifyMeetingSummaryProcessor,
  notifyQuestionPublishedProcessor,
  notifyQuestionRejectedProcessor,
  recordOcdsReleaseProcessor,
  writeOcdsDumpProcessor,
];
