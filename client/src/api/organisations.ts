import { http } from './http';

export type OrganisationKind = 'buyer' | 'supplier';
export type BuyerType = 'kommun' | 'region' | 'statlig_myndighet' | 'offentligt_bolag';
export type OrganisationStatus = 'pending' | 'verified' | 'rejected';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  buyerType?: BuyerType;
  name: string;
  country: 'SE' | 'NO';
  orgNumber: string;
  website?: string;
  status: OrganisationStatus;
  verifiedAt?: string;
  rejectionReason?: string;
  createdAt: string;
}

export interface MyOrganisation {
  role: 'owner' | 'member' | (string & {});
  organisation: Organisation;
}

export interface NewOrganisation {
  kind: OrganisationKind;
  buyerType?: BuyerType;
  name: string;
  country: 'SE' | 'NO';
  orgNumber: string;
  website?: string;
}

export const myOrganisations = (signal?: AbortSignal) =>
  http.get<{ items: MyOrganisation[] }>('/api/me/organisations', { signal }).then((r) => r.items);

export const createOrganisation = (body: NewOrganisation) =>
  http.post<Organisation>('/api/organisations', body);

export type MembershipRole = 'owner' | 'member';

export interface OrganisationMember {
  userId: string;
  email: string;
  name?: string;
  role: MembershipRole;
  joinedAt: string;
}

const oid = encodeURIComponent;

export const getOrganisation = (organisationId: string, signal?: AbortSignal) =>
  http.get<Organisation>(`/api/organisations/${oid(organisationId)}`, { signal });

export const organisationMembers = (organisationId: string, signal?: AbortSignal) =>
  http
    .get<{ items: OrganisationMember[] }>(`/api/organisations/${oid(organisationId)}/members`, { signal })
    .then((r) => r.items);

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

/** An invitation as the organisation's owners see it: the address they typed. */
export interface OrganisationInvitation {
  id: string;
  organisationId: string;
  email: string;
  role: MembershipRole;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  respondedAt?: string;
}

/** An invitation as the invited person sees it. */
export interface MyOrganisationInvitation {
  id: string;
  role: MembershipRole;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  organisation: Organisation;
}

export const inviteOrganisationMember = (organisationId: string, email: string, role: MembershipRole) =>
  http.post<OrganisationInvitation>(`/api/organisations/${oid(organisationId)}/invitations`, {
    email,
    role,
  });

export const organisationInvitations = (organisationId: string, signal?: AbortSignal) =>
  http
    .get<{
      items: OrganisationInvitation[];
    }>(`/api/organisations/${oid(organisationId)}/invitations`, { signal })
    .then((r) => r.items);

export const revokeOrganisationInvitation = (organisationId: string, invitationId: string) =>
  http.post<void>(`/api/organisations/${oid(organisationId)}/invitations/${oid(invitationId)}/revoke`);

export const myOrganisationInvitations = (signal?: AbortSignal) =>
  http
    .get<{ items: MyOrganisationInvitation[] }>('/api/me/organisation-invitations', { signal })
    .then((r) => r.items);

export const answerOrganisationInvitation = (invitationId: string, answer: 'accept' | 'decline') =>
  http.post<MyOrganisationInvitation>(`/api/organisation-invitations/${oid(invitationId)}/${answer}`);

export const changeMemberRole = (organisationId: string, userId: string, role: MembershipRole) =>
  http.patch<OrganisationMember>(`/api/organisations/${oid(organisationId)}/members/${oid(userId)}`, {
    role,
  });

export const removeOrganisationMember = (organisationId: string, userId: string) =>
  http.delete<void>(`/api/organisations/${oid(organisationId)}/members/${oid(userId)}`);
