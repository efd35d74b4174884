import { z } from 'zod';
import { objectIdSchema } from '../policy/params.js';
import {
  meetingFormats,
  meetingKinds,
  meetingLanguages,
  meetingStatuses,
  registrationStatuses,
} from './meeting.model.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const dateTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .meta({ description: 'ISO 8601 date-time (stored in UTC)', example: '2027-03-04T09:00:00+01:00' });
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(1000)
  .meta({ example: 'https://meet.example.se/abc-defg' });

const slotInput = z.strictObject({ startsAt: dateTime, endsAt: dateTime });

export const createMeetingBody = z
  .strictObject({
    kind: z.enum(meetingKinds),
    title: text(3, 200),
    agenda: text(0, 10_000).default(''),
    format: z.enum(meetingFormats),
    address: text(3, 500).optional().meta({ description: 'Required for in_person and hybrid meetings' }),
    onlineUrl: httpUrl
      .optional()
      .meta({ description: 'Required for online and hybrid meetings; shown only to registered suppliers' }),
    startsAt: dateTime
      .optional()
      .meta({ description: 'Required for information meetings (one_to_one: from the slots)' }),
    endsAt: dateTime.optional(),
    capacity: z.number().int().min(1).max(10_000).optional().meta({
      description: 'Supplier organisations that get a place (information meetings); one per slot otherwise',
    }),
    slots: z.array(slotInput).min(1).max(200).optional().meta({ description: 'Bookable slots (one_to_one)' }),
    maxParticipantsPerSupplier: z.number().int().min(1).max(50).default(2),
    registrationDeadline: dateTime.optional().meta({ description: 'Defaults to the start' }),
    registrationQuestions: z
      .array(z.strictObject({ text: text(3, 300), required: z.boolean().default(false) }))
      .max(10)
      .default([]),
    language: z.enum(meetingLanguages).default('sv'),
    inviteMinScore: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .meta({ description: 'Matched suppliers with at least this score (0–1) are invited' }),
    draft: z.boolean().default(false).meta({ description: 'Save without publishing (no invitations yet)' }),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.format !== 'online' && !v.address) issue('address', 'Required for in_person and hybrid meetings.');
    if (v.format !== 'in_person' && !v.onlineUrl)
      issue('onlineUrl', 'Required for online and hybrid meetings.');
    if (v.kind === 'information_meeting') {
      if (!v.startsAt) issue('startsAt', 'Required.');
      if (!v.endsAt) issue('endsAt', 'Required.');
      if (!v.capacity) issue('capacity', 'Required for information meetings.');
      if (v.slots) issue('slots', 'Only one_to_one meetings have slots.');
      if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) issue('endsAt', 'Must be after the start.');
    } else {
      if (!v.slots) issue('slots', 'Required for one_to_one meetings.');
      if (v.capacity) issue('capacity', 'One supplier per slot: give slots instead.');
      const sorted = [...(v.slots ?? [])].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      sorted.forEach((s, i) => {
        if (s.endsAt <= s.startsAt) issue('slots', `Slot ${i + 1} must end after it starts.`);
        const next = sorted[i + 1];
        if (next && next.startsAt < s.endsAt) issue('slots', 'Slots must not overlap.');
      });
    }
  });
export type CreateMeetingInput = z.output<typeof createMeetingBody>;

export const updateMeetingBody = z
  .strictObject({
    title: text(3, 200).optional(),
    agenda: text(0, 10_000).optional(),
    format: z.enum(meetingFormats).optional(),
    address: text(3, 500).nullable().optional(),
    onlineUrl: httpUrl.nullable().optional(),
    startsAt: dateTime.optional().meta({ description: 'Reschedule; one_to_one slots move with the start' }),
    endsAt: dateTime.optional(),
    capacity: z.number().int().min(1).max(10_000).optional(),
    maxParticipantsPerSupplier: z.number().int().min(1).max(50).optional(),
    registrationDeadline: dateTime.optional(),
    language: z.enum(meetingLanguages).optional(),
    inviteMinScore: z.number().min(0).max(1).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change.' });
export type UpdateMeetingInput = z.output<typeof updateMeetingBody>;

export const cancelMeetingBody = z.strictObject({ reason: text(3, 1000).optional() });

export const registerBody = z.strictObject({
  organisationId: objectIdSchema
    .optional()
    .meta({ description: 'The supplier organisation; needed only if you belong to several' }),
  slotId: objectIdSchema
    .optional()
    .meta({ description: 'one_to_one: the slot to book (default: the first free one)' }),
  participants: z
    .array(z.strictObject({ name: text(2, 120), email: z.email().max(254).optional() }))
    .min(1)
    .max(50)
    .optional()
    .meta({ description: 'Who will come (default: you)' }),
  answers: z
    .array(z.strictObject({ questionId: objectIdSchema, text: text(1, 1000) }))
    .max(10)
    .default([]),
});
export type RegisterInput = z.output<typeof registerBody>;

export const organisationQuery = z.strictObject({ organisationId: objectIdSchema.optional() });

export const summaryBody = z.strictObject({
  presented: text(1, 20_000),
  questionsAsked: text(0, 20_000).default(''),
  participantsCount: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .meta({ description: 'Defaults to the organisations marked as attended (or registered)' }),
  changesToNeed: text(0, 20_000).default(''),
});
export type SummaryInput = z.output<typeof summaryBody>;

export const attendedBody = z.strictObject({ attended: z.boolean() });
export const registrationParams = z.object({ id: objectIdSchema, registrationId: objectIdSchema });

// ---------------------------------------------------------------------------------------------
// Responses

const iso = z.string().meta({ example: '2027-03-04T08:00:00.000Z' });

export const myRegistrationDto = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    organisationId: z.string(),
    status: z.enum(registrationStatuses),
    position: z.number().int().optional().meta({ description: 'Place on the waiting list (1 = next)' }),
    slot: z.object({ id: z.string(), startsAt: iso, endsAt: iso }).optional(),
    participants: z.array(z.object({ name: z.string(), email: z.string().optional() })),
    answers: z.array(z.object({ questionId: z.string(), text: z.string() })),
    createdAt: iso,
    confirmedAt: iso.optional(),
    cancelledAt: iso.optional(),
  })
  .meta({ id: 'MyMeetingRegistration' });

export const meetingSummaryDto = z
  .object({
    presented: z.string(),
    questionsAsked: z.string(),
    participantsCount: z.number().int(),
    changesToNeed: z.string(),
    publishedAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'MeetingSummary' });

export const meetingDto = z
  .object({
    id: z.string(),
    needId: z.string(),
    networkId: z.string(),
    kind: z.enum(meetingKinds),
    status: z.enum(meetingStatuses),
    title: z.string(),
    agenda: z.string(),
    format: z.enum(meetingFormats),
    address: z.string().optional(),
    onlineUrl: z.string().optional().meta({ description: 'Only for registered suppliers and the network' }),
    startsAt: iso,
    endsAt: iso,
    timezone: z.literal('Europe/Stockholm').meta({ description: 'Show times in this zone' }),
    capacity: z.number().int(),
    registeredCount: z.number().int(),
    waitlistCount: z.number().int(),
    placesLeft: z.number().int(),
    maxParticipantsPerSupplier: z.number().int(),
    registrationDeadline: iso,
    registrationOpen: z.boolean(),
    registrationQuestions: z.array(z.object({ id: z.string(), text: z.string(), required: z.boolean() })),
    slots: z.array(
      z.object({ id: z.string(), startsAt: iso, endsAt: iso, booked: z.boolean(), mine: z.boolean() }),
    ),
    language: z.enum(meetingLanguages),
    sequence: z.number().int(),
    inviteMinScore: z.number().optional().meta({ description: 'Only for the network' }),
    summary: meetingSummaryDto.optional(),
    publishedAt: iso.optional(),
    cancelledAt: iso.optional(),
    cancelReason: z.string().optional(),
    myRegistration: myRegistrationDto.optional(),
    canManage: z.boolean(),
    links: z.object({ need: z.string(), ics: z.string() }),
  })
  .meta({ id: 'Meeting' });

export const registrationDto = z
  .object({
    id: z.string(),
    organisation: z.object({ id: z.string(), name: z.string(), orgNumber: z.string() }),
    status: z.enum(registrationStatuses),
    position: z.number().int().optional(),
    slot: z.object({ id: z.string(), startsAt: iso, endsAt: iso }).optional(),
    participants: z.array(z.object({ name: z.string(), email: z.string().optional() })),
    answers: z.array(z.object({ questionId: z.string(), question: z.string(), text: z.string() })),
    attended: z.boolean().optional(),
    createdAt: iso,
    confirmedAt: iso.optional(),
    promotedAt: iso.optional(),
    cancelledAt: iso.optional(),
  })
  .meta({ id: 'MeetingRegistration' });

export const registerResultDto = z
  .object({
    status: z.enum(['registered', 'waitlisted']),
    position: z.number().int().optional().meta({ description: 'Place on the waiting list when waitlisted' }),
    registration: myRegistrationDto,
  })
  .meta({ id: 'MeetingRegistrationResult' });

export const myRegistrationItemDto = myRegistrationDto
  .extend({
    meeting: z.object({
      id: z.string(),
      needId: z.string(),
      title: z.string(),
      status: z.enum(meetingStatuses),
      startsAt: iso,
      endsAt: iso,
      format: z.enum(meetingFormats),
      address: z.string().optional(),
      onlineUrl: z.string().optional(),
    }),
  })
  .meta({ id: 'MyMeetingRegistrationItem' });
