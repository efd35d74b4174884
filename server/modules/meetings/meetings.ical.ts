import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Meeting } from './meetings.types.js';

/**
 * iCalendar output (RFC 5545 / iTIP RFC 5546). Times are written in UTC (`...Z`), which every
 * calendar shows in the reader's own zone, so no VTIMEZONE is needed. The UID is stable per
 * meeting and SEQUENCE is the meeting's `sequence`, raised on every change of time or place and
 * on cancellation, so calendars replace the event instead of adding a second one.
 */
export interface IcsEvent {
  uid: string;
  sequence: number;
  cancelled: boolean;
  title: string;
  description: string;
  /** ISO 8601 in UTC. */
  startsAt: string;
  endsAt: string;
  location?: string;
  /** The need's page. */
  url: string;
  organizer?: { name: string; email: string };
}

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface IcsCalendar {
  method?: IcsMethod;
  name?: string;
  events: IcsEvent[];
}

const METHODS: Record<IcsMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

export function renderCalendar(input: IcsCalendar): string {
  const calendar = ical({
    prodId: { company: 'Behovstorget', product: 'meetings', language: 'SV' },
    ...(input.name ? { name: input.name } : {}),
    ...(input.method ? { method: METHODS[input.method] } : {}),
  });
  for (const e of input.events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
      summary: e.title,
      description: e.description,
      ...(e.location ? { location: e.location } : {}),
      url: e.url,
      ...(e.organizer ? { organizer: e.organizer } : {}),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export interface EventContext {
  baseUrl: string;
  needTitle: string;
  networkName: string;
  /** The address the invitations come from (ORGANIZER is required with METHOD:REQUEST). */
  organizerEmail: string;
  /** The reader is registered (or of the network): the online link may be shown. */
  includeOnlineLink: boolean;
  /** A booked one-to-one slot: the reader's own time. */
  slot?: { startsAt: Date; endsAt: Date };
}

export function meetingUid(meetingId: string, baseUrl: string): string {
  return `meeting-${meetingId}@${new URL(baseUrl).hostname}`;
}

export function needPageUrl(baseUrl: string, needId: string): string {
  return `${baseUrl.replace(/\/$/, '')}/behov/${needId}`;
}

const labels = {
  sv: {
    online: 'Online (länken visas för anmälda)',
    need: 'Behov',
    link: 'Länk till mötet',
    network: 'Arrangör',
  },
  en: {
    online: 'Online (the link is shown to registered suppliers)',
    need: 'Need',
    link: 'Meeting link',
    network: 'Host',
  },
};

/** Where the meeting is, as the reader may see it. */
export function locationOf(meeting: Meeting, includeOnlineLink: boolean): string {
  const l = labels[meeting.language];
  const online = includeOnlineLink && meeting.onlineUrl ? meeting.onlineUrl : l.online;
  if (meeting.format === 'in_person') return meeting.address ?? '';
  if (meeting.format === 'online') return online;
  return [meeting.address, online].filter(Boolean).join(' / ');
}

/** The calendar event of a meeting, from the reader's point of view. */
export function meetingEvent(meeting: Meeting, ctx: EventContext): IcsEvent {
  const l = labels[meeting.language];
  const url = needPageUrl(ctx.baseUrl, meeting.needId);
  const description = [
    meeting.agenda,
    `${l.need}: ${ctx.needTitle}`,
    url,
    `${l.network}: ${ctx.networkName}`,
    ...(ctx.includeOnlineLink && meeting.onlineUrl ? [`${l.link}: ${meeting.onlineUrl}`] : []),
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    uid: meetingUid(meeting.id, ctx.baseUrl),
    sequence: meeting.sequence,
    cancelled: meeting.status === 'cancelled',
    title: meeting.title,
    description,
    startsAt: (ctx.slot?.startsAt ?? meeting.startsAt).toISOString(),
    endsAt: (ctx.slot?.endsAt ?? meeting.endsAt).toISOString(),
    location: locationOf(meeting, ctx.includeOnlineLink) || undefined,
    url,
    organizer: { name: ctx.networkName, email: ctx.organizerEmail },
  };
}

/** The address part of MAIL_FROM (`Name <addr>` or `addr`). */
export function addressOf(mailFrom: string): string {
  const match = /<([^>]+)>/.exec(mailFrom);
  return (match ? match[1]! : mailFrom).trim();
}
