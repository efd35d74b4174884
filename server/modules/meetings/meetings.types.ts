import type {
  MeetingFormat,
  MeetingKind,
  MeetingLanguage,
  MeetingStatus,
  RegistrationStatus,
} from './meeting.model.js';

export type { MeetingFormat, MeetingKind, MeetingLanguage, MeetingStatus, RegistrationStatus };

/** Times are shown in this zone (stored in UTC). */
export const MEETING_TIMEZONE = 'Europe/Stockholm';

export interface MeetingSlot {
  id: string;
  startsAt: Date;
  endsAt: Date;
  registrationId?: string;
  organisationId?: string;
}

export interface RegistrationQuestion {
  id: string;
  text: string;
  required: boolean;
}

export interface MeetingSummary {
  presented: string;
  questionsAsked: string;
  participantsCount: number;
  changesToNeed: string;
  publishedAt: Date;
  updatedAt: Date;
}

export interface Meeting {
  id: string;
  needId: string;
  networkId: string;
  kind: MeetingKind;
  status: MeetingStatus;
  title: string;
  agenda: string;
  format: MeetingFormat;
  address?: string;
  onlineUrl?: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  slots: MeetingSlot[];
  maxParticipantsPerSupplier: number;
  registrationDeadline: Date;
  registrationQuestions: RegistrationQuestion[];
  language: MeetingLanguage;
  inviteMinScore: number;
  sequence: number;
  confirmedCount: number;
  waitlistSeq: number;
  summary?: MeetingSummary;
  publishedAt?: Date;
  cancelledAt?: Date;
  cancelReason?: string;
  createdBy?: string;
  createdByOrgId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewMeeting {
  needId: string;
  networkId: string;
  kind: MeetingKind;
  status: 'draft' | 'scheduled';
  title: string;
  agenda: string;
  format: MeetingFormat;
  address?: string;
  onlineUrl?: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  slots: { startsAt: Date; endsAt: Date }[];
  maxParticipantsPerSupplier: number;
  registrationDeadline: Date;
  registrationQuestions: { text: string; required: boolean }[];
  language: MeetingLanguage;
  inviteMinScore: number;
  publishedAt?: Date;
  createdBy?: string;
  createdByOrgId?: string;
}

/** Fields a network member may change; time and place changes raise the iCal SEQUENCE. */
export interface MeetingChanges {
  title?: string;
  agenda?: string;
  format?: MeetingFormat;
  address?: string | null;
  onlineUrl?: string | null;
  startsAt?: Date;
  endsAt?: Date;
  capacity?: number;
  maxParticipantsPerSupplier?: number;
  registrationDeadline?: Date;
  language?: MeetingLanguage;
  inviteMinScore?: number;
}

export const TIME_AND_PLACE: readonly (keyof MeetingChanges)[] = [
  'format',
  'address',
  'onlineUrl',
  'startsAt',
  'endsAt',
];

export interface Participant {
  name: string;
  email?: string;
}

export interface Registration {
  id: string;
  meetingId: string;
  needId: string;
  networkId: string;
  organisationId: string;
  userId: string;
  status: RegistrationStatus;
  slotId?: string;
  waitlistSeq?: number;
  participants: Participant[];
  answers: { questionId: string; text: string }[];
  attended?: boolean;
  confirmedAt?: Date;
  promotedAt?: Date;
  cancelledAt?: Date;
  createdAt: Date;
}

export interface NewRegistration {
  id: string;
  meetingId: string;
  needId: string;
  networkId: string;
  organisationId: string;
  userId: string;
  status: 'registered' | 'waitlisted';
  slotId?: string;
  waitlistSeq?: number;
  participants: Participant[];
  answers: { questionId: string; text: string }[];
  confirmedAt?: Date;
}
