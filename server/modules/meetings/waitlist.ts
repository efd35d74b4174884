import type { ClientSession } from 'mongoose';
import type { UsersRepository } from '../accounts/users.repository.js';
import type { EmailService } from '../notifications/email.service.js';
import { meetingTemplateNames } from './meetings.emails.js';
import { meetingMailData, slotOf, type MailContext } from './meetings.mail.js';
import type { MeetingsRepository } from './meetings.repository.js';
import type { Meeting, Registration } from './meetings.types.js';
import type { RegistrationsRepository } from './registrations.repository.js';

export interface WaitlistDeps {
  meetings: MeetingsRepository;
  registrations: RegistrationsRepository;
  users: UsersRepository;
  emails: EmailService;
}

/**
 * Moving people off the waitlist, always inside the transaction that freed the place: the
 * promotion and its email (`meeting.promoted.<registrationId>`, so never twice) commit together
 * with the cancellation, or not at all.
 */
export function createWaitlist(deps: WaitlistDeps) {
  const { meetings, registrations, users, emails } = deps;

  async function tell(tx: ClientSession, meeting: Meeting, promoted: Registration, mail: MailContext) {
    const user = await users.findById(promoted.userId, tx);
    if (!user) return;
    await emails.queue(tx, [
      {
        key: `meeting.promoted.${promoted.id}`,
        to: user.email,
        userId: user.id,
        template: meetingTemplateNames.promoted,
        locale: user.language,
        data: meetingMailData(meeting, mail, {
          registered: true,
          slot: slotOf(meeting, promoted.slotId),
          method: 'REQUEST',
        }),
      },
    ]);
  }

  return {
    /**
     * A registered organisation left: the first on the waitlist takes its place (and slot), or
     * the place becomes free. The meeting document is written last, so the write every
     * registration of this meeting contends for is held only until the commit.
     */
    async fillFreedPlace(
      tx: ClientSession,
      meeting: Meeting,
      freedSlotId: string | undefined,
      mail: MailContext,
    ): Promise<Registration | null> {
      const promoted =
        meeting.status === 'scheduled'
          ? await registrations.promoteFirst(meeting.id, freedSlotId, new Date(), tx)
          : null;
      if (!promoted) {
        await meetings.releaseSeat(meeting.id, freedSlotId, tx);
        return null;
      }
      await tell(tx, meeting, promoted, mail);
      await meetings.leftWaitlist(
        meeting.id,
        freedSlotId
          ? { slotId: freedSlotId, registrationId: promoted.id, organisationId: promoted.organisationId }
          : undefined,
        tx,
      );
      return promoted;
    },

    /** Capacity was raised: promote from the waitlist while there are places. */
    async fillNewPlaces(tx: ClientSession, meeting: Meeting, mail: MailContext): Promise<Registration[]> {
      const promoted: Registration[] = [];
      while (await meetings.takeSeat(meeting.id, tx)) {
        const next = await registrations.promoteFirst(meeting.id, undefined, new Date(), tx);
        if (!next) {
          await meetings.releaseSeat(meeting.id, undefined, tx);
          break;
        }
        await meetings.leftWaitlist(meeting.id, undefined, tx);
        await tell(tx, meeting, next, mail);
        promoted.push(next);
      }
      return promoted;
    },
  };
}

export type Waitlist = ReturnType<typeof createWaitlist>;
