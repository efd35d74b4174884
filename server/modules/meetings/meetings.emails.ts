import { renderCalendar } from './meetings.ical.js';
import { meetingMailSchema, type MeetingMailData } from './meetings.mail.js';
import type { Template } from '../notifications/templates/index.js';
import {
  layout,
  type EmailContext,
  type Locale,
  type RenderedEmail,
} from '../notifications/templates/layout.js';
import { withSubscriptionFooter } from '../subscriptions/subscriptions.emails.js';

/**
 * Emails about dialogue meetings. Each carries, where it concerns the recipient's calendar, an
 * `.ics` attachment rendered from the snapshot in the delivery (METHOD:REQUEST for invitations,
 * confirmations and changes; METHOD:CANCEL for cancellations). Times are shown in Swedish time.
 */
export const meetingTemplateNames = {
  invitation: 'meetings.invitation',
  registered: 'meetings.registered',
  waitlisted: 'meetings.waitlisted',
  promoted: 'meetings.promoted',
  updated: 'meetings.updated',
  cancelled: 'meetings.cancelled',
  reminder: 'meetings.reminder',
  summary: 'meetings.summary',
} as const;

export function formatWhen(startsAt: string, endsAt: string, locale: Locale): string {
  const zone = 'Europe/Stockholm';
  const day = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = day.format(start) === day.format(end);
  const range = sameDay
    ? `${day.format(start)} ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
  return `${range} (${locale === 'sv' ? 'svensk tid' : 'Swedish time'})`;
}

function formatDeadline(at: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(at));
}

// The need page lists its meetings; the anchor scrolls to this one.
const meetingUrl = (ctx: EmailContext, d: MeetingMailData) =>
  `${ctx.baseUrl}/behov/${d.needId}#mote-${d.meetingId}`;

function details(d: MeetingMailData, locale: Locale): string[] {
  const sv = locale === 'sv';
  return [
    `${sv ? 'När' : 'When'}: ${formatWhen(d.startsAt, d.endsAt, locale)}`,
    ...(d.location ? [`${sv ? 'Var' : 'Where'}: ${d.location}`] : []),
    `${sv ? 'Behov' : 'Need'}: ${d.needTitle}`,
    `${sv ? 'Arrangör' : 'Host'}: ${d.networkName}`,
  ];
}

/** Adds the `.ics` attachment (and the method in its content type, as iTIP over email asks). */
function withCalendar(email: RenderedEmail, d: MeetingMailData): RenderedEmail {
  if (!d.ics) return email;
  const content = renderCalendar({ method: d.ics.method, events: [d.ics.event] });
  return {
    ...email,
    attachments: [
      {
        filename: d.ics.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
        content,
        contentType: `text/calendar; charset=utf-8; method=${d.ics.method}`,
      },
    ],
  };
}

function withFollowFooter(email: RenderedEmail, d: MeetingMailData, locale: Locale, ctx: EmailContext) {
  if (!d.subscriptionId || !d.subscriptionName || !d.unsubscribeToken) return email;
  return withSubscriptionFooter(email, locale, ctx, {
    subscriptionName: d.subscriptionName,
    unsubscribeToken: d.unsubscribeToken,
  });
}

type Texts = {
  subject: string;
  heading: string;
  intro: string[];
  after?: string[];
  action: string;
  footer?: string;
};

function build(name: string, texts: (d: MeetingMailData, sv: boolean) => Texts): Template {
  const template: Template = (data, locale, ctx) => {
    const d = meetingMailSchema.parse(data);
    const sv = locale === 'sv';
    const t = texts(d, sv);
    const email = layout(
      {
        locale,
        subject: t.subject,
        heading: t.heading,
        paragraphs: [...t.intro, ...details(d, locale), ...(t.after ?? [])],
        action: { label: t.action, url: meetingUrl(ctx, d) },
        footer: t.footer ? [t.footer] : [],
      },
      ctx,
    );
    return withFollowFooter(withCalendar(email, d), d, locale, ctx);
  };
  Object.defineProperty(template, 'name', { value: name });
  return template;
}

const onlineLine = (d: MeetingMailData, sv: boolean) =>
  d.onlineUrl ? [`${sv ? 'Länk till mötet' : 'Meeting link'}: ${d.onlineUrl}`] : [];

const invitation = build(meetingTemplateNames.invitation, (d, sv) => ({
  subject: sv ? `Inbjudan till dialogmöte: ${d.title}` : `Invitation to a dialogue meeting: ${d.title}`,
  heading: sv ? 'Du är inbjuden till tidig dialog' : 'You are invited to an early market dialogue',
  intro: [
    sv
      ? `${d.networkName} bjuder in leverantörer till ${d.kind === 'one_to_one' ? 'enskilda dialogmöten' : 'ett informationsmöte'} om behovet ”${d.needTitle}”.`
      : `${d.networkName} invites suppliers to ${d.kind === 'one_to_one' ? 'one-to-one dialogue meetings' : 'an information meeting'} about the need “${d.needTitle}”.`,
    ...(d.agenda ? [d.agenda] : []),
  ],
  after: [
    sv
      ? `Anmäl dig senast ${formatDeadline(d.registrationDeadline, 'sv')}. Platserna är begränsade; när mötet är fullt hamnar anmälningar på en väntelista.`
      : `Register by ${formatDeadline(d.registrationDeadline, 'en')}. Places are limited; when the meeting is full, registrations go to a waiting list.`,
  ],
  action: sv ? 'Läs mer och anmäl dig' : 'Read more and register',
  footer: sv
    ? 'Du får inbjudan eftersom ditt företag matchar behovet eller du följer det.'
    : 'You get this invitation because your organisation matches the need or you follow it.',
}));

const registered = build(meetingTemplateNames.registered, (d, sv) => ({
  subject: sv ? `Anmäld: ${d.title}` : `Registered: ${d.title}`,
  heading: sv ? 'Din anmälan är bekräftad' : 'Your registration is confirmed',
  intro: [sv ? `Ditt företag har en plats på ”${d.title}”.` : `You have a place at “${d.title}”.`],
  after: [
    ...onlineLine(d, sv),
    sv
      ? 'Kan du inte komma? Avboka platsen, så går den till nästa på väntelistan.'
      : 'Cannot come? Cancel your registration, so the place goes to the next on the waiting list.',
  ],
  action: sv ? 'Visa mötet' : 'Show the meeting',
}));

const waitlisted = build(meetingTemplateNames.waitlisted, (d, sv) => ({
  subject: sv ? `På väntelistan: ${d.title}` : `On the waiting list: ${d.title}`,
  heading: sv ? 'Ditt företag står på väntelistan' : 'You are on the waiting list',
  intro: [
    sv
      ? `Mötet ”${d.title}” är fullt. Ditt företag har plats ${d.position ?? '?'} på väntelistan, och du får ett mejl om en plats blir ledig.`
      : `The meeting “${d.title}” is full. You are number ${d.position ?? '?'} on the waiting list and will get an email if a place becomes free.`,
  ],
  action: sv ? 'Visa mötet' : 'Show the meeting',
}));

const promoted = build(meetingTemplateNames.promoted, (d, sv) => ({
  subject: sv ? `Ditt företag har fått en plats: ${d.title}` : `You have a place: ${d.title}`,
  heading: sv ? 'En plats blev ledig – ditt företag har fått den' : 'A place became free – it is yours',
  intro: [
    sv
      ? `Ditt företag stod på väntelistan till ”${d.title}” och är nu anmält.`
      : `You were on the waiting list for “${d.title}” and are now registered.`,
  ],
  after: [
    ...onlineLine(d, sv),
    sv
      ? 'Kan du inte komma? Avboka platsen, så går den vidare.'
      : 'Cannot come? Cancel, so the place goes to the next in line.',
  ],
  action: sv ? 'Visa mötet' : 'Show the meeting',
}));

const updated = build(meetingTemplateNames.updated, (d, sv) => ({
  subject: sv ? `Ändrat dialogmöte: ${d.title}` : `Dialogue meeting changed: ${d.title}`,
  heading: sv ? 'Mötet har ändrats' : 'The meeting has changed',
  intro: [
    sv
      ? `Tid eller plats för ”${d.title}” har ändrats. Så här gäller nu:`
      : `The time or place of “${d.title}” has changed. This is what applies now:`,
  ],
  after: onlineLine(d, sv),
  action: sv ? 'Visa mötet' : 'Show the meeting',
}));

const cancelled = build(meetingTemplateNames.cancelled, (d, sv) => ({
  subject: sv ? `Inställt dialogmöte: ${d.title}` : `Dialogue meeting cancelled: ${d.title}`,
  heading: sv ? 'Mötet är inställt' : 'The meeting is cancelled',
  intro: [
    sv ? `${d.networkName} har ställt in ”${d.title}”.` : `${d.networkName} has cancelled “${d.title}”.`,
    ...(d.reason ? [`${sv ? 'Anledning' : 'Reason'}: ${d.reason}`] : []),
  ],
  action: sv ? 'Visa behovet' : 'Show the need',
}));

const reminder = build(meetingTemplateNames.reminder, (d, sv) => ({
  subject: sv ? `Påminnelse: ${d.title}` : `Reminder: ${d.title}`,
  heading: sv ? 'Påminnelse om dialogmöte' : 'Dialogue meeting reminder',
  intro: [sv ? `Ditt företag är anmält till ”${d.title}”.` : `You are registered for “${d.title}”.`],
  after: onlineLine(d, sv),
  action: sv ? 'Visa mötet' : 'Show the meeting',
}));

const summary = build(meetingTemplateNames.summary, (d, sv) => ({
  subject: sv ? `Sammanfattning av dialogmötet: ${d.title}` : `Summary of the dialogue meeting: ${d.title}`,
  heading: sv ? 'Sammanfattning från den tidiga dialogen' : 'Summary of the early market dialogue',
  intro: [
    sv
      ? `${d.networkName} har publicerat en sammanfattning av ”${d.title}” så att alla leverantörer får samma information.`
      : `${d.networkName} has published a summary of “${d.title}”, so that every supplier gets the same information.`,
  ],
  after: d.summary
    ? [
        `${sv ? 'Vad som presenterades' : 'What was presented'}: ${d.summary.presented}`,
        `${sv ? 'Frågor som ställdes' : 'Questions asked'}: ${d.summary.questionsAsked}`,
        `${sv ? 'Deltagande organisationer' : 'Participating organisations'}: ${d.summary.participantsCount}`,
        `${sv ? 'Ändringar i behovet' : 'Changes to the need'}: ${d.summary.changesToNeed}`,
      ]
    : [],
  action: sv ? 'Läs sammanfattningen' : 'Read the summary',
}));

export const meetingTemplates: Record<string, Template> = {
  [meetingTemplateNames.invitation]: invitation,
  [meetingTemplateNames.registered]: registered,
  [meetingTemplateNames.waitlisted]: waitlisted,
  [meetingTemplateNames.promoted]: promoted,
  [meetingTemplateNames.updated]: updated,
  [meetingTemplateNames.cancelled]: cancelled,
  [meetingTemplateNames.reminder]: reminder,
  [meetingTemplateNames.summary]: summary,
};
