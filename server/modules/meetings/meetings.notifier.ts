import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../../config.js';
import { createOutbox, inTransaction } from '../../platform/outbox/outbox.js';
import { createUsersRepository, type User } from '../accounts/users.repository.js';
import { matchModel } from '../matching/match.model.js';
import { createThresholds } from '../matching/threshold.js';
import { createNeedsRepository } from '../needs/needs.repository.js';
import { isPublic } from '../needs/needs.types.js';
import { createNetworksRepository } from '../networks/networks.repository.js';
import { createEmailService, type EmailRequest } from '../notifications/email.service.js';
import { createNotifier, type Lines } from '../subscriptions/notifier.js';
import { meetingTemplateNames } from './meetings.emails.js';
import { membershipModel } from '../organisations/membership.model.js';
import {
  createSubscriptionsRepository,
  type SubscriptionTarget,
} from '../subscriptions/subscriptions.repository.js';
import { unsubscribeTokenFor } from '../subscriptions/subscriptions.service.js';
import { addressOf } from './meetings.ical.js';
import { meetingMailData, slotOf, type MailContext } from './meetings.mail.js';
import { createMeetingsRepository } from './meetings.repository.js';
import type { Meeting } from './meetings.types.js';
import { createRegistrationsRepository } from './registrations.repository.js';
import { oid } from '../../platform/mongo.js';

const CHUNK = 500;

export type NotifyResult = { queued: number } | { skipped: string };

/**
 * The emails that follow a meeting's life, run by workers from outbox events. Each re-reads the
 * meeting first (a job may run late or twice) and queues deliveries with idempotency keys, so a
 * repeated job mails nobody twice.
 */
export function createMeetingNotifier(deps: { mongo: Connection; config: Config }) {
  const { mongo, config } = deps;
  const meetings = createMeetingsRepository(mongo);
  const registrations = createRegistrationsRepository(mongo);
  const needs = createNeedsRepository(mongo);
  const networks = createNetworksRepository(mongo);
  const users = createUsersRepository(mongo);
  const subscriptions = createSubscriptionsRepository(mongo);
  const emails = createEmailService({ mongo, outbox: createOutbox(mongo) });
  const notifier = createNotifier({ mongo, config });
  const baseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, '');

  async function contextOf(
    meeting: Meeting,
  ): Promise<{ mail: MailContext; publicNeed: boolean; needTitle: string } | null> {
    const need = await needs.findById(meeting.needId);
    const network = need ? await networks.findById(need.networkId) : null;
    if (!need || !network) return null;
    return {
      mail: {
        baseUrl,
        needTitle: need.title,
        networkName: network.name,
        organizerEmail: addressOf(config.MAIL_FROM),
      },
      publicNeed: isPublic(need),
      needTitle: need.title,
    };
  }

  /** Verified, active accounts by id. */
  async function accounts(ids: string[]): Promise<Map<string, User>> {
    const found = await users.findByIds(ids);
    return new Map(found.filter((u) => u.emailVerifiedAt).map((u) => [u.id, u]));
  }

  async function queueInChunks(requests: EmailRequest[]): Promise<number> {
    let queued = 0;
    for (let i = 0; i < requests.length; i += CHUNK) {
      const chunk = requests.slice(i, i + CHUNK);
      // One outbox event (one send-emails job) per 100 deliveries: an invitation fan-out to
      // thousands of suppliers is tens of jobs, not thousands.
      queued += await inTransaction(mongo, (tx) => emails.queue(tx, chunk, { batch: 100 }));
    }
    return queued;
  }

  /**
   * Who is invited: members of supplier organisations with a strong match (at or above the
   * network's threshold, and the meeting's own minimum if it is higher), and followers of the
   * need; each person once (a follower keeps their unsubscribe link).
   */
  async function invitees(meeting: Meeting): Promise<Map<string, SubscriptionTarget | null>> {
    const threshold = Math.max(
      meeting.inviteMinScore,
      await createThresholds(mongo).forNetwork(meeting.networkId),
    );
    const matched = await matchModel(mongo)
      .find({ needId: oid(meeting.needId), score: mongoose.trusted({ $gte: threshold }) }, { supplierId: 1 })
      .lean();
    const orgIds = matched.map((m) => m.supplierId);
    const members =
      orgIds.length === 0
        ? []
        : await membershipModel(mongo)
            .find({ organisationId: mongoose.trusted({ $in: orgIds }) }, { userId: 1 })
            .lean();
    const result = new Map<string, SubscriptionTarget | null>();
    for (const m of members) result.set(String(m.userId), null);
    for (const follower of await subscriptions.followersOf(meeting.needId))
      result.set(follower.userId, follower);
    return result;
  }

  return {
    invitees,

    async invite(meetingId: string, sequence: number): Promise<NotifyResult> {
      const meeting = await meetings.findById(meetingId);
      if (!meeting || meeting.status !== 'scheduled') return { skipped: 'not scheduled' };
      if (meeting.startsAt.getTime() <= Date.now()) return { skipped: 'started' };
      const ctx = await contextOf(meeting);
      if (!ctx?.publicNeed) return { skipped: 'need not public' };
      const targets = await invitees(meeting);
      const people = await accounts([...targets.keys()]);
      const data = meetingMailData(meeting, ctx.mail, { registered: false, method: 'REQUEST' });
      const requests = [...people.values()].map((user): EmailRequest => {
        const follow = targets.get(user.id);
        return {
          key: `meeting.invite.${meetingId}.${sequence}.${user.id}`,
          to: user.email,
          userId: user.id,
          template: meetingTemplateNames.invitation,
          locale: user.language,
          data: follow
            ? {
                ...data,
                subscriptionId: follow.id,
                subscriptionName: follow.name,
                unsubscribeToken: unsubscribeTokenFor(config, follow),
              }
            : data,
        };
      });
      return { queued: await queueInChunks(requests) };
    },

    /** The confirmation of a registration (or waitlist place), as it stands when the job runs. */
    async confirmRegistration(registrationId: string): Promise<NotifyResult> {
      const registration = await registrations.findById(registrationId);
      if (!registration || registration.status === 'cancelled') return { skipped: 'cancelled' };
      const meeting = await meetings.findById(registration.meetingId);
      if (!meeting || meeting.status !== 'scheduled') return { skipped: 'not scheduled' };
      const ctx = await contextOf(meeting);
      const user = (await accounts([registration.userId])).get(registration.userId);
      if (!ctx || !user) return { skipped: 'gone' };
      const registered = registration.status === 'registered';
      const position =
        !registered && registration.waitlistSeq !== undefined
          ? await registrations.waitlistPosition(meeting.id, registration.waitlistSeq)
          : undefined;
      return {
        queued: await queueInChunks([
          {
            key: `meeting.registration.${registrationId}`,
            to: user.email,
            userId: user.id,
            template: registered ? meetingTemplateNames.registered : meetingTemplateNames.waitlisted,
            locale: user.language,
            data: meetingMailData(meeting, ctx.mail, {
              registered,
              slot: registered ? slotOf(meeting, registration.slotId) : undefined,
              ...(registered ? { method: 'REQUEST' as const } : {}),
              ...(position !== undefined ? { position } : {}),
            }),
          },
        ]),
      };
    },

    /** 24 hours before: everyone registered (not waitlisted, not cancelled) of the current sequence. */
    async remind(meetingId: string, sequence: number): Promise<NotifyResult> {
      const meeting = await meetings.findById(meetingId);
      if (!meeting || meeting.status !== 'scheduled') return { skipped: 'not scheduled' };
      // A later change planned its own reminder under the new sequence.
      if (meeting.sequence !== sequence) return { skipped: 'rescheduled' };
      if (meeting.startsAt.getTime() <= Date.now()) return { skipped: 'started' };
      const ctx = await contextOf(meeting);
      if (!ctx) return { skipped: 'need gone' };
      const registered = await registrations.list(meetingId, ['registered']);
      const people = await accounts(registered.map((r) => r.userId));
      const requests = registered.flatMap((r): EmailRequest[] => {
        const user = people.get(r.userId);
        if (!user) return [];
        return [
          {
            key: `meeting.reminder.${meetingId}.${sequence}.${r.id}`,
            to: user.email,
            userId: user.id,
            template: meetingTemplateNames.reminder,
            locale: user.language,
            data: meetingMailData(meeting, ctx.mail, { registered: true, slot: slotOf(meeting, r.slotId) }),
          },
        ];
      });
      return { queued: await queueInChunks(requests) };
    },

    /** Time or place changed, or the meeting was cancelled: everyone registered or waitlisted. */
    async notifyChange(
      meetingId: string,
      sequence: number,
      change: 'updated' | 'cancelled',
    ): Promise<NotifyResult> {
      const meeting = await meetings.findById(meetingId);
      if (!meeting) return { skipped: 'gone' };
      if (change === 'updated' && (meeting.status !== 'scheduled' || meeting.sequence !== sequence)) {
        // Superseded: the later change (or the cancellation) tells everyone what applies now.
        return { skipped: 'superseded' };
      }
      const ctx = await contextOf(meeting);
      if (!ctx) return { skipped: 'need gone' };
      const affected = await registrations.list(meetingId, ['registered', 'waitlisted']);
      const people = await accounts(affected.map((r) => r.userId));
      const requests = affected.flatMap((r): EmailRequest[] => {
        const user = people.get(r.userId);
        if (!user) return [];
        const registered = r.status === 'registered';
        // Only those holding a place have it in their calendar; the waitlist gets the news only.
        const method = registered ? (change === 'cancelled' ? 'CANCEL' : 'REQUEST') : undefined;
        return [
          {
            key:
              change === 'cancelled'
                ? `meeting.cancelled.${meetingId}.${r.id}`
                : `meeting.updated.${meetingId}.${sequence}.${r.id}`,
            to: user.email,
            userId: user.id,
            template: change === 'cancelled' ? meetingTemplateNames.cancelled : meetingTemplateNames.updated,
            locale: user.language,
            data: meetingMailData(meeting, ctx.mail, {
              registered,
              slot: registered ? slotOf(meeting, r.slotId) : undefined,
              ...(method ? { method } : {}),
              ...(meeting.cancelReason ? { reason: meeting.cancelReason } : {}),
            }),
          },
        ];
      });
      return { queued: await queueInChunks(requests) };
    },

    /**
     * The summary is out: followers of the need hear of it as a change to the need (instant or
     * in their digest); registered participants who do not follow get the summary itself.
     */
    async notifySummary(meetingId: string): Promise<NotifyResult> {
      const meeting = await meetings.findById(meetingId);
      if (!meeting?.summary) return { skipped: 'no summary' };
      const ctx = await contextOf(meeting);
      if (!ctx?.publicNeed) return { skipped: 'need not public' };
      const s = meeting.summary;
      const lines: Lines = {
        sv: [
          `Sammanfattning av dialogmötet ”${meeting.title}” är publicerad.`,
          `Deltagande organisationer: ${s.participantsCount}`,
          ...(s.changesToNeed ? [`Ändringar i behovet: ${s.changesToNeed}`] : []),
        ],
        en: [
          `The summary of the dialogue meeting “${meeting.title}” is published.`,
          `Participating organisations: ${s.participantsCount}`,
          ...(s.changesToNeed ? [`Changes to the need: ${s.changesToNeed}`] : []),
        ],
      };
      const followers = await subscriptions.followersOf(meeting.needId);
      const fanOut = await notifier.needChanged(
        { id: meeting.needId, title: ctx.needTitle, summary: '' },
        { id: `meeting-summary.${meetingId}`, lines },
        followers,
      );
      const following = new Set(followers.map((f) => f.userId));
      const registered = (await registrations.list(meetingId, ['registered'])).filter(
        (r) => !following.has(r.userId),
      );
      const people = await accounts(registered.map((r) => r.userId));
      const data = {
        ...meetingMailData(meeting, ctx.mail, { registered: false }),
        summary: {
          presented: s.presented,
          questionsAsked: s.questionsAsked,
          participantsCount: s.participantsCount,
          changesToNeed: s.changesToNeed,
        },
      };
      const requests = [...people.values()].map((user): EmailRequest => ({
        key: `meeting.summary.${meetingId}.${user.id}`,
        to: user.email,
        userId: user.id,
        template: meetingTemplateNames.summary,
        locale: user.language,
        data,
      }));
      return { queued: fanOut.instant + fanOut.digest + (await queueInChunks(requests)) };
    },
  };
}

export type MeetingNotifier = ReturnType<typeof createMeetingNotifier>;
