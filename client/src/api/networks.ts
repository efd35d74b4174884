import { http } from './http';
import type { BuyerType } from './organisations';

const id = encodeURIComponent;

export type NetworkStatus = 'pending' | 'approved' | 'rejected';
export type NetworkLanguage = 'sv' | 'en' | 'nb' | 'nn' | 'da' | 'fi' | 'is';
export const networkLanguages: NetworkLanguage[] = ['sv', 'en', 'nb', 'nn', 'da', 'fi', 'is'];

export interface OrganisationRef {
  id: string;
  name: string;
  buyerType?: BuyerType;
}

export interface NetworkSummary {
  id: string;
  slug: string;
  name: string;
  subjectArea: string;
  description: string;
  languages: NetworkLanguage[];
  status: NetworkStatus;
  coordinator: OrganisationRef;
  memberCount: number;
  createdAt: string;
}

export interface NetworkContact {
  name: string;
  email: string;
  phone?: string;
}

export interface NetworkDetail extends NetworkSummary {
  contact: NetworkContact;
  /** Matches scoring at least this (0–1) are strong: invited to meetings and emailed. */
  matchThreshold: number;
  members: (OrganisationRef & { joinedAt: string; isCoordinator: boolean })[];
  approvedAt?: string;
  rejectionReason?: string;
}

export interface NetworkInput {
  name: string;
  subjectArea: string;
  description: string;
  languages: NetworkLanguage[];
  contact: NetworkContact;
  /** 0.1–0.9; only when an existing network is edited. */
  matchThreshold?: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

export interface Invitation {
  id: string;
  network: { id: string; name: string; subjectArea: string };
  organisation: OrganisationRef;
  status: InvitationStatus;
  createdAt: string;
  respondedAt?: string;
}

export interface BuyerGroup {
  id: string;
  networkId: string;
  name: string;
  purpose: string;
  members: OrganisationRef[];
  endsAt: string;
  active: boolean;
  createdAt: string;
}

export interface BuyerGroupInput {
  name: string;
  purpose: string;
  memberOrgIds: string[];
  /** ISO date-time in the future. */
  endsAt: string;
}

export function getNetwork(networkId: string, signal?: AbortSignal): Promise<NetworkDetail> {
  return http.get<NetworkDetail>(`/api/networks/${id(networkId)}`, { signal });
}

export const myNetworks = (signal?: AbortSignal) =>
  http.get<{ items: NetworkSummary[] }>('/api/me/networks', { signal }).then((r) => r.items);

export const createNetwork = (body: NetworkInput & { organisationId?: string }) =>
  http.post<NetworkDetail>('/api/networks', body);

export const updateNetwork = (networkId: string, body: Partial<NetworkInput>) =>
  http.patch<NetworkDetail>(`/api/networks/${id(networkId)}`, body);

export const leaveNetwork = (networkId: string, organisationId: string) =>
  http.delete<void>(`/api/networks/${id(networkId)}/members/${id(organisationId)}`);

export const handOverNetwork = (networkId: string, organisationId: string) =>
  http.post<NetworkDetail>(`/api/networks/${id(networkId)}/hand-over`, { organisationId });

export const networkInvitations = (networkId: string, signal?: AbortSignal) =>
  http
    .get<{ items: Invitation[] }>(`/api/networks/${id(networkId)}/invitations`, { signal })
    .then((r) => r.items);

export const inviteOrganisation = (networkId: string, organisationId: string) =>
  http.post<Invitation>(`/api/networks/${id(networkId)}/invitations`, { organisationId });

export const revokeInvitation = (networkId: string, invitationId: string) =>
  http.post<void>(`/api/networks/${id(networkId)}/invitations/${id(invitationId)}/revoke`);

export const myInvitations = (signal?: AbortSignal) =>
  http.get<{ items: Invitation[] }>('/api/me/invitations', { signal }).then((r) => r.items);

export const answerInvitation = (invitationId: string, answer: 'accept' | 'decline') =>
  http.post<Invitation>(`/api/invitations/${id(invitationId)}/${answer}`);

export const buyerGroups = (networkId: string, signal?: AbortSignal) =>
  http.get<{ items: BuyerGroup[] }>(`/api/networks/${id(networkId)}/groups`, { signal }).then((r) => r.items);

export const createBuyerGroup = (networkId: string, body: BuyerGroupInput) =>
  http.post<BuyerGroup>(`/api/networks/${id(networkId)}/groups`, body);

export const updateBuyerGroup = (networkId: string, groupId: string, body: Partial<BuyerGroupInput>) =>
  http.patch<BuyerGroup>(`/api/networks/${id(networkId)}/groups/${id(groupId)}`, body);
