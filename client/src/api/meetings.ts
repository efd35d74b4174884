import { http } from './http';

export interface Meeting {
  id: string;
  needId: string;
  kind: string;
  status: string;
  title: string;
  agenda: string;
  format: 'in_person' | 'online' | 'hybrid' | (string & {});
  address?: string;
  onlineUrl?: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  placesLeft: number;
  registrationDeadline: string;
  registrationOpen: boolean;
  myRegistration?: { status: string; position?: number } | null;
}

export interface MyRegistrationItem {
  id: string;
  meetingId: string;
  status: string;
  position?: number;
  meeting?: { id: string; title: string; startsAt: string; endsAt: string; needId?: string };
  createdAt: string;
}

export const needMeetings = (needId: string, signal?: AbortSignal) =>
  http.get<{ items: Meeting[] }>(`/api/needs/${encodeURIComponent(needId)}/meetings`, { signal });

export const registerForMeeting = (meetingId: string, organisationId?: string) =>
  http.post<{ status: 'registered' | 'waitlisted'; position?: number }>(
    `/api/meetings/${encodeURIComponent(meetingId)}/registrations`,
    organisationId ? { organisationId } : {},
  );

export const cancelRegistration = (meetingId: string) =>
  http.delete<void>(`/api/meetings/${encodeURIComponent(meetingId)}/registrations/mine`);

export const myRegistrations = (signal?: AbortSignal) =>
  http.get<{ items: MyRegistrationItem[] }>('/api/me/registrations', { signal });
