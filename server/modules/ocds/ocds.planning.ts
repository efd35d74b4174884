import { createHash } from 'node:crypto';
import type { Meeting } from '../meetings/meetings.types.js';
import type { Need } from '../needs/needs.types.js';
import type { OcdsContext, OcdsSource } from './ocds.mapping.js';
import type { Json, JsonObject } from './ocds.merge.js';

/** The planning side of a need's OCDS state: its documents and its dialogue meetings as milestones. */

export const needPageUrl = (ctx: Pick<OcdsContext, 'baseUrl'>, needId: string) =>
  `${ctx.baseUrl}/behov/${needId}`;

export const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

/** Drops undefined fields (JSON has none) so that states compare by content. */
export function clean(value: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v as Json;
  return out;
}

/** Attachments have no id of their own: a hash of the URL keeps theirs stable across edits. */
const attachmentId = (url: string) =>
  `attachment-${createHash('sha1').update(url).digest('hex').slice(0, 12)}`;

export function meetingMilestone(meeting: Meeting, need: Need, ctx: OcdsContext): JsonObject {
  const held = Boolean(meeting.summary) || (need.closedAt !== undefined && meeting.endsAt <= need.closedAt);
  const status = meeting.status === 'cancelled' ? 'notMet' : held ? 'met' : 'scheduled';
  const where =
    meeting.format === 'online'
      ? 'Online'
      : `${meeting.format === 'hybrid' ? 'Hybrid: ' : ''}${meeting.address}`;
  return clean({
    id: `meeting-${meeting.id}`,
    title: meeting.title,
    type: 'engagement',
    description: [
      meeting.kind === 'one_to_one' ? 'One-to-one dialogue meetings' : 'Information meeting',
      `${iso(meeting.startsAt)}–${iso(meeting.endsAt)}`,
      where,
      meeting.agenda || undefined,
      meeting.status === 'cancelled'
        ? `Cancelled${meeting.cancelReason ? `: ${meeting.cancelReason}` : ''}`
        : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    dueDate: iso(meeting.startsAt),
    dateMet: status === 'met' ? iso(meeting.endsAt) : undefined,
    status,
    documents: [
      {
        id: `meeting-${meeting.id}-ics`,
        documentType: 'calendarEvent',
        title: `${meeting.title} (iCalendar)`,
        url: `${ctx.baseUrl}/api/meetings/${meeting.id}/event.ics`,
        format: 'text/calendar',
      },
    ],
  });
}

export function planningDocuments(source: OcdsSource, ctx: OcdsContext): JsonObject[] {
  const { need, meetings } = source;
  const url = needPageUrl(ctx, need.id);
  const docs: JsonObject[] = [
    clean({
      id: 'market-engagement',
      documentType: 'marketEngagementNotice',
      title: need.title,
      description: need.summary || undefined,
      url,
      datePublished: iso(need.publishedAt),
      format: 'text/html',
      language: need.language,
    }),
  ];
  for (const m of meetings) {
    if (!m.summary) continue;
    docs.push(
      clean({
        id: `meeting-${m.id}-summary`,
        documentType: 'hearingNotice',
        title: `Summary: ${m.title}`,
        description: [
          m.summary.presented,
          m.summary.questionsAsked && `Questions asked: ${m.summary.questionsAsked}`,
          m.summary.changesToNeed && `Changes to the need: ${m.summary.changesToNeed}`,
          `Participating organisations: ${m.summary.participantsCount}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
        url: `${url}#mote-${m.id}`,
        datePublished: iso(m.summary.publishedAt),
        format: 'text/html',
        language: m.language,
      }),
    );
  }
  if (need.outcome) {
    docs.push(
      clean({
        id: 'outcome',
        documentType: 'marketStudies',
        title: need.outcome.result === 'procured' ? 'Outcome: procured' : 'Outcome: not procured',
        description: [
          need.outcome.description,
          need.outcome.results && `Results: ${need.outcome.results}`,
          need.outcome.lessonsLearned && `Lessons learned: ${need.outcome.lessonsLearned}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
        url,
        datePublished: iso(need.closedAt),
        format: 'text/html',
        language: need.language,
      }),
    );
  }
  for (const a of need.attachments) {
    docs.push({ id: attachmentId(a.url), title: a.title, url: a.url });
  }
  return docs;
}
