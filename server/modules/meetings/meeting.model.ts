import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const meetingKinds = ['information_meeting', 'one_to_one'] as const;
export const meetingFormats = ['in_person', 'online', 'hybrid'] as const;
export const meetingStatuses = ['draft', 'scheduled', 'cancelled'] as const;
export const meetingLanguages = ['sv', 'en'] as const;
export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;

export type MeetingKind = (typeof meetingKinds)[number];
export type MeetingFormat = (typeof meetingFormats)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type MeetingLanguage = (typeof meetingLanguages)[number];
export type RegistrationStatus = (typeof registrationStatuses)[number];

const slotSchema = new Schema(
  {
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    /** The registration holding the slot; unset while free. */
    registrationId: { type: Schema.Types.ObjectId },
    organisationId: { type: Schema.Types.ObjectId },
  },
  { _id: true },
);

const questionSchema = new Schema(
  { text: { type: String, required: true }, required: { type: Boolean, default: false } },
  { _id: true },
);

/**
 * A dialogue meeting (tidig dialog) of a published need. Times are stored in UTC.
 *
 * The counters make registration safe without locks in the API process: `confirmedCount` is
 * raised only by a conditional update (`confirmedCount < capacity`), `waitlistSeq` hands out
 * waitlist positions, and `registrationsVersion` is bumped by every registration change so two
 * concurrent transactions about one meeting always write the same document and conflict (one
 * retries) instead of both deciding on a stale view. `sequence` is the iCal SEQUENCE: raised on
 * every change of time or place and on cancellation.
 */
const meetingSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    networkId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: meetingKinds, required: true },
    status: { type: String, enum: meetingStatuses, required: true, default: 'scheduled' },
    title: { type: String, required: true },
    agenda: { type: String, default: '' },
    format: { type: String, enum: meetingFormats, required: true },
    address: { type: String },
    /** Shown only to registered suppliers and the network; never in public feeds or invitations. */
    onlineUrl: { type: String },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    capacity: { type: Number, required: true },
    slots: { type: [slotSchema], default: [] },
    maxParticipantsPerSupplier: { type: Number, required: true, default: 2 },
    registrationDeadline: { type: Date, required: true },
    registrationQuestions: { type: [questionSchema], default: [] },
    language: { type: String, enum: meetingLanguages, required: true, default: 'sv' },
    /** Matched suppliers with at least this score (0–1) are invited when the meeting is published. */
    inviteMinScore: { type: Number, required: true, default: 0.5 },
    sequence: { type: Number, required: true, default: 0 },
    confirmedCount: { type: Number, required: true, default: 0 },
    waitlistSeq: { type: Number, required: true, default: 0 },
    /** How many left the waitlist (promoted or cancelled): a newcomer's place is `waitlistSeq - waitlistLeft`. */
    waitlistLeft: { type: Number, required: true, default: 0 },
    registrationsVersion: { type: Number, required: true, default: 0 },
    summary: {
      presented: { type: String },
      questionsAsked: { type: String },
      participantsCount: { type: Number },
      changesToNeed: { type: String },
      publishedAt: { type: Date },
      updatedAt: { type: Date },
    },
    publishedAt: { type: Date },
    cancelledAt: { type: Date },
    cancelReason: { type: String },
    createdBy: { type: Schema.Types.ObjectId },
    createdByOrgId: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, minimize: true },
);
meetingSchema.index({ needId: 1, startsAt: 1 });
meetingSchema.index({ networkId: 1, startsAt: 1 });
meetingSchema.index({ status: 1, startsAt: 1 });

export interface MeetingSlotDoc {
  _id: Types.ObjectId;
  startsAt: Date;
  endsAt: Date;
  registrationId?: Types.ObjectId | null;
  organisationId?: Types.ObjectId | null;
}

export interface MeetingDoc {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  networkId: Types.ObjectId;
  kind: MeetingKind;
  status: MeetingStatus;
  title: string;
  agenda?: string;
  format: MeetingFormat;
  address?: string | null;
  onlineUrl?: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  slots: MeetingSlotDoc[];
  maxParticipantsPerSupplier: number;
  registrationDeadline: Date;
  registrationQuestions: { _id: Types.ObjectId; text: string; required: boolean }[];
  language: MeetingLanguage;
  inviteMinScore: number;
  sequence: number;
  confirmedCount: number;
  waitlistSeq: number;
  waitlistLeft: number;
  registrationsVersion: number;
  summary?: {
    presented?: string;
    questionsAsked?: string;
    participantsCount?: number;
    changesToNeed?: string;
    publishedAt?: Date;
    updatedAt?: Date;
  } | null;
  publishedAt?: Date | null;
  cancelledAt?: Date | null;
  cancelReason?: string | null;
  createdBy?: Types.ObjectId;
  createdByOrgId?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export function meetingModel(connection: Connection): Model<MeetingDoc> {
  return (
    (connection.models.Meeting as Model<MeetingDoc> | undefined) ??
    connection.model<MeetingDoc>('Meeting', meetingSchema, 'meetings')
  );
}

const participantSchema = new Schema(
  { name: { type: String, required: true }, email: { type: String } },
  { _id: false },
);

/**
 * A supplier organisation's place at a meeting. `active` is true while registered or
 * waitlisted: the unique indexes on active rows make "once per meeting" and "one supplier per
 * slot" hold under any concurrency, while a cancelled organisation may register again.
 */
const registrationSchema = new Schema(
  {
    meetingId: { type: Schema.Types.ObjectId, required: true },
    needId: { type: Schema.Types.ObjectId, required: true },
    networkId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    /** The user who registered (receives the emails). */
    userId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: registrationStatuses, required: true },
    active: { type: Boolean, required: true, default: true },
    slotId: { type: Schema.Types.ObjectId },
    /** Order on the waitlist (from the meeting's `waitlistSeq`). */
    waitlistSeq: { type: Number },
    participants: { type: [participantSchema], default: [] },
    answers: {
      type: [
        new Schema(
          {
            questionId: { type: Schema.Types.ObjectId, required: true },
            text: { type: String, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    attended: { type: Boolean },
    confirmedAt: { type: Date },
    promotedAt: { type: Date },
    cancelledAt: { type: Date },
  },
  { timestamps: true, minimize: true },
);
registrationSchema.index(
  { meetingId: 1, organisationId: 1 },
  { unique: true, partialFilterExpression: { active: true } },
);
registrationSchema.index(
  { meetingId: 1, slotId: 1 },
  { unique: true, partialFilterExpression: { active: true, slotId: { $type: 'objectId' } } },
);
registrationSchema.index({ meetingId: 1, status: 1, waitlistSeq: 1 });
registrationSchema.index({ organisationId: 1, createdAt: -1 });
registrationSchema.index({ userId: 1 });

export interface RegistrationDoc {
  _id: Types.ObjectId;
  meetingId: Types.ObjectId;
  needId: Types.ObjectId;
  networkId: Types.ObjectId;
  organisationId: Types.ObjectId;
  userId: Types.ObjectId;
  status: RegistrationStatus;
  active: boolean;
  slotId?: Types.ObjectId | null;
  waitlistSeq?: number | null;
  participants: { name: string; email?: string | null }[];
  answers: { questionId: Types.ObjectId; text: string }[];
  attended?: boolean | null;
  confirmedAt?: Date | null;
  promotedAt?: Date | null;
  cancelledAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function registrationModel(connection: Connection): Model<RegistrationDoc> {
  return (
    (connection.models.MeetingRegistration as Model<RegistrationDoc> | undefined) ??
    connection.model<RegistrationDoc>('MeetingRegistration', registrationSchema, 'meeting_registrations')
  );
}
