import type { z } from 'zod';
import type { Organisation } from '../organisations/organisations.repository.js';
import { needPageUrl } from './meetings.ical.js';
import type {
  meetingDto,
  myRegistrationDto,
  myRegistrationItemDto,
  registrationDto,
} from './meetings.schemas.js';
import { MEETING_TIMEZONE, type Meeting, type Registration } from './meetings.types.js';

export type MeetingDto = z.infer<typeof meetingDto>;
export type MyRegistrationDto = z.infer<typeof myRegistrationDto>;
export type RegistrationDto = z.infer<typeof registrationDto>;
export type MyRegistrationItemDto = z.infer<typeof myRegistrationItemDto>;

export interface MeetingViewer {
  canManage: boolean;
  /** The viewer's organisation's active registration, with its waitlist place. */
  mine?: { registration: Registration; position?: number };
}

export function registrationOpen(meeting: Meeting, now = new Date()): boolean {
  return meeting.status === 'scheduled' && now < meeting.registrationDeadline && now < meeting.startsAt;
}

function slotDto(meeting: Meeting, slotId: string | undefined) {
  const slot = slotId ? meeting.slots.find((s) => s.id === slotId) : undefined;
  return slot
    ? { slot: { id: slot.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() } }
    : {};
}

export function toMyRegistrationDto(meeting: Meeting, r: Registration, position?: number): MyRegistrationDto {
  return {
    id: r.id,
    meetingId: r.meetingId,
    organisationId: r.organisationId,
    status: r.status,
    ...(r.status === 'waitlisted' && position !== undefined ? { position } : {}),
    ...slotDto(meeting, r.slotId),
    participants: r.participants,
    answers: r.answers,
    createdAt: r.createdAt.toISOString(),
    ...(r.confirmedAt ? { confirmedAt: r.confirmedAt.toISOString() } : {}),
    ...(r.cancelledAt ? { cancelledAt: r.cancelledAt.toISOString() } : {}),
  };
}

export function toMeetingDto(
  meeting: Meeting,
  counts: { registered: number; waitlisted: number },
  viewer: MeetingViewer,
  baseUrl: string,
): MeetingDto {
  const mine = viewer.mine?.registration;
  // The link is for those who take part: the network and registered (not waitlisted) suppliers.
  const showLink = viewer.canManage || mine?.status === 'registered';
  return {
    id: meeting.id,
    needId: meeting.needId,
    networkId: meeting.networkId,
    kind: meeting.kind,
    status: meeting.status,
    title: meeting.title,
    agenda: meeting.agenda,
    format: meeting.format,
    ...(meeting.address ? { address: meeting.address } : {}),
    ...(showLink && meeting.onlineUrl ? { onlineUrl: meeting.onlineUrl } : {}),
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    timezone: MEETING_TIMEZONE,
    capacity: meeting.capacity,
    registeredCount: counts.registered,
    waitlistCount: counts.waitlisted,
    placesLeft: Math.max(0, meeting.capacity - meeting.confirmedCount),
    maxParticipantsPerSupplier: meeting.maxParticipantsPerSupplier,
    registrationDeadline: meeting.registrationDeadline.toISOString(),
    registrationOpen: registrationOpen(meeting),
    registrationQuestions: meeting.registrationQuestions,
    slots: meeting.slots.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      booked: s.registrationId !== undefined,
      mine: mine !== undefined && s.registrationId === mine.id,
    })),
    language: meeting.language,
    sequence: meeting.sequence,
    ...(viewer.canManage ? { inviteMinScore: meeting.inviteMinScore } : {}),
    ...(meeting.summary
      ? {
          summary: {
            ...meeting.summary,
            publishedAt: meeting.summary.publishedAt.toISOString(),
            updatedAt: meeting.summary.updatedAt.toISOString(),
          },
        }
      : {}),
    ...(meeting.publishedAt ? { publishedAt: meeting.publishedAt.toISOString() } : {}),
    ...(meeting.cancelledAt ? { cancelledAt: meeting.cancelledAt.toISOString() } : {}),
    ...(meeting.cancelReason ? { cancelReason: meeting.cancelReason } : {}),
    ...(mine ? { myRegistration: toMyRegistrationDto(meeting, mine, viewer.mine?.position) } : {}),
    canManage: viewer.canManage,
    links: {
      need: needPageUrl(baseUrl, meeting.needId),
      ics: `${baseUrl}/api/meetings/${meeting.id}/event.ics`,
    },
  };
}

export function toRegistrationDto(
  meeting: Meeting,
  r: Registration,
  organisation: Pick<Organisation, 'id' | 'name' | 'orgNumber'> | undefined,
  position?: number,
): RegistrationDto {
  const questions = new Map(meeting.registrationQuestions.map((q) => [q.id, q.text]));
  return {
    id: r.id,
    organisation: {
      id: r.organisationId,
      name: organisation?.name ?? '',
      orgNumber: organisation?.orgNumber ?? '',
    },
    status: r.status,
    ...(r.status === 'waitlisted' && position !== undefined ? { position } : {}),
    ...slotDto(meeting, r.slotId),
    participants: r.participants,
    answers: r.answers.map((a) => ({ ...a, question: questions.get(a.questionId) ?? '' })),
    ...(r.attended !== undefined ? { attended: r.attended } : {}),
    createdAt: r.createdAt.toISOString(),
    ...(r.confirmedAt ? { confirmedAt: r.confirmedAt.toISOString() } : {}),
    ...(r.promotedAt ? { promotedAt: r.promotedAt.toISOString() } : {}),
    ...(r.cancelledAt ? { cancelledAt: r.cancelledAt.toISOString() } : {}),
  };
}
