import { http } from './http';

const id = encodeURIComponent;

export type MeetingKind = 'information_meeting' | 'one_to_one';
export type MeetingFormat = 'in_person' | 'online' | 'hybrid';
export type MeetingStatus = 'draft' | 'scheduled' | 'cancelled';
export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface MeetingSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  booked: boolean;
  mine: boolean;
}

export interface MeetingSummary {
  presented: string;
  questionsAsked: string;
  participantsCount: number;
  changesToNeed: string;
  publishedAt: string;
  updatedAt: string;
}

export interface MyRegistration {
  id: string;
  meetingId: string;
  organisationId: string;
  status: RegistrationStatus;
  position?: number;
  slot?: { id: string; startsAt: string; endsAt: string };
  participants: { name: string; email?: string }[];
  createdAt: string;
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
  startsAt: string;
  endsAt: string;
  timezone: string;
  capacity: number;
  registeredCount: number;
  waitlistCount: number;
  placesLeft: number;
  maxParticipantsPerSupplier: number;
  registrationDeadline: string;
  registrationOpen: boolean;
  registrationQuestions: { id: string; text: string; required: boolean }[];
  slots: MeetingSlot[];
  language: 'sv' | 'en';
  sequence: number;
  inviteMinScore?: number;
  summary?: MeetingSummary;
  publishedAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
  myRegistration?: MyRegistration;
  canManage: boolean;
  links: { need: string; ics: string };
}

export interface MeetingInput {
  kind: MeetingKind;
  title: string;
  agenda: string;
  format: MeetingFormat;
  address?: string;
  onlineUrl?: string;
  startsAt?: string;
  endsAt?: string;
  capacity?: number;
  slots?: { startsAt: string; endsAt: string }[];
  maxParticipantsPerSupplier: number;
  registrationDeadline?: string;
  registrationQuestions: { text: string; required: boolean }[];
  language: 'sv' | 'en';
  inviteMinScore: number;
  draft: boolean;
}

export interface MeetingChanges {
  title?: string;
  agenda?: string;
  format?: MeetingFormat;
  address?: string | null;
  onlineUrl?: string | null;
  startsAt?: string;
  endsAt?: string;
  capacity?: number;
  registrationDeadline?: string;
}

export interface Registration {
  id: string;
  organisation: { id: string; name: string; orgNumber: string };
  status: RegistrationStatus;
  position?: number;
  slot?: { id: string; startsAt: string; endsAt: string };
  participants: { name: string; email?: string }[];
  answers: { questionId: string; question: string; text: string }[];
  attended?: boolean;
  createdAt: string;
  confirmedAt?: string;
  promotedAt?: string;
  cancelledAt?: string;
}

export interface SummaryInput {
  presented: string;
  questionsAsked: string;
  participantsCount?: number;
  changesToNeed: string;
}

export interface MyRegistrationItem extends MyRegistration {
  meeting?: { id: string; title: string; startsAt: string; endsAt: string; needId?: string };
}

export interface RegisterInput {
  organisationId?: string;
  slotId?: string;
  answers?: { questionId: string; text: string }[];
}

export const needMeetings = (needId: string, signal?: AbortSignal) =>
  http.get<{ items: Meeting[] }>(`/api/needs/${id(needId)}/meetings`, { signal });

export const getMeeting = (meetingId: string, signal?: AbortSignal) =>
  http.get<Meeting>(`/api/meetings/${id(meetingId)}`, { signal });

export const createMeeting = (needId: string, body: MeetingInput) =>
  http.post<Meeting>(`/api/needs/${id(needId)}/meetings`, body);

export const updateMeeting = (meetingId: string, body: MeetingChanges) =>
  http.patch<Meeting>(`/api/meetings/${id(meetingId)}`, body);

export const publishMeeting = (meetingId: string) =>
  http.post<Meeting>(`/api/meetings/${id(meetingId)}/publish`);

export const cancelMeeting = (meetingId: string, reason?: string) =>
  http.post<Meeting>(`/api/meetings/${id(meetingId)}/cancel`, reason ? { reason } : {});

export const publishSummary = (meetingId: string, body: SummaryInput) =>
  http.post<Meeting>(`/api/meetings/${id(meetingId)}/summary`, body);

export const meetingRegistrations = (meetingId: string, signal?: AbortSignal) =>
  http
    .get<{ items: Registration[] }>(`/api/meetings/${id(meetingId)}/registrations`, { signal })
    .then((r) => r.items);

export const setAttended = (meetingId: string, registrationId: string, attended: boolean) =>
  http.patch<Registration>(`/api/meetings/${id(meetingId)}/registrations/${id(registrationId)}`, {
    attended,
  });

export const registerForMeeting = (meetingId: string, body: RegisterInput = {}) =>
  http.post<{ status: 'registered' | 'waitlisted'; position?: number; registration: MyRegistration }>(
    `/api/meetings/${id(meetingId)}/registrations`,
    body,
  );

export const cancelRegistration = (meetingId: string, organisationId?: string) =>
  http.delete<void>(
    `/api/meetings/${id(meetingId)}/registrations/mine${organisationId ? `?organisationId=${id(organisationId)}` : ''}`,
  );

export const myRegistrations = (signal?: AbortSignal) =>
  http.get<{ items: MyRegistrationItem[] }>('/api/me/registrations', { signal });
