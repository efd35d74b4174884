import { z } from 'zod';
import {
  locationOf,
  meetingEvent,
  type EventContext,
  type IcsEvent,
  type IcsMethod,
} from './meetings.ical.js';
import type { Meeting, MeetingSlot } from './meetings.types.js';

/**
 * What a meeting email carries in its delivery record: a snapshot of the meeting as the
 * recipient may see it, and the calendar event to attach. The send-email processor renders the
 * template (and the `.ics`) from this alone, so a later change to the meeting cannot alter an
 * email already decided on; the change sends its own email with a higher SEQUENCE.
 */
const objectId = z.string().regex(/^[0-9a-f]{24}$/);

export const icsEventSchema = z.object({
  uid: z.string(),
  sequence: z.number().int().min(0),
  cancelled: z.boolean(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string().optional(),
  url: z.string(),
  organizer: z.object({ name: z.string(), email: z.string() }).optional(),
});

export const meetingMailSchema = z.object({
  meetingId: objectId,
  needId: objectId,
  kind: z.enum(['information_meeting', 'one_to_one']),
  language: z.enum(['sv', 'en']),
  title: z.string(),
  agenda: z.string(),
  needTitle: z.string(),
  networkName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  onlineUrl: z.string().optional(),
  registrationDeadline: z.string(),
  ics: z.object({ method: z.enum(['REQUEST', 'CANCEL', 'PUBLISH']), event: icsEventSchema }).optional(),
  position: z.number().int().optional(),
  reason: z.string().optional(),
  summary: z
    .object({
      presented: z.string(),
      questionsAsked: z.string(),
      participantsCount: z.number().int(),
      changesToNeed: z.string(),
    })
    .optional(),
  /** Present when a subscription (a follow of the need) caused the email: unsubscribe links. */
  subscriptionId: objectId.optional(),
  subscriptionName: z.string().optional(),
  unsubscribeToken: z.string().optional(),
});

export type MeetingMailData = z.infer<typeof meetingMailSchema>;

export type MailContext = Omit<EventContext, 'includeOnlineLink' | 'slot'>;

export interface MailOptions {
  /** The recipient is registered: show the online link. */
  registered: boolean;
  slot?: MeetingSlot;
  method?: IcsMethod;
  position?: number;
  reason?: string;
}

export function meetingMailData(meeting: Meeting, ctx: MailContext, options: MailOptions): MeetingMailData {
  const slot = options.slot ? { startsAt: options.slot.startsAt, endsAt: options.slot.endsAt } : undefined;
  const event: IcsEvent = meetingEvent(meeting, { ...ctx, includeOnlineLink: options.registered, slot });
  return {
    meetingId: meeting.id,
    needId: meeting.needId,
    kind: meeting.kind,
    language: meeting.language,
    title: meeting.title,
    agenda: meeting.agenda,
    needTitle: ctx.needTitle,
    networkName: ctx.networkName,
    startsAt: (slot?.startsAt ?? meeting.startsAt).toISOString(),
    endsAt: (slot?.endsAt ?? meeting.endsAt).toISOString(),
    location: locationOf(meeting, options.registered),
    ...(options.registered && meeting.onlineUrl ? { onlineUrl: meeting.onlineUrl } : {}),
    registrationDeadline: meeting.registrationDeadline.toISOString(),
    ...(options.method ? { ics: { method: options.method, event } } : {}),
    ...(options.position !== undefined ? { position: options.position } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  };
}

/** The slot a registration holds, if any. */
export function slotOf(meeting: Meeting, slotId: string | undefined): MeetingSlot | undefined {
  return slotId ? meeting.slots.find((s) => s.id === slotId) : undefined;
}
