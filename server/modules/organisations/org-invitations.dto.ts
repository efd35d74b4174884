import type { OrgInvitation } from './org-invitations.repository.js';
import type { InvitationWithOrganisation } from './org-invitations.service.js';
import type { MyOrgInvitationDto, OrgInvitationDto } from './org-invitations.schemas.js';
import { toOrganisationDto } from './organisations.dto.js';

function statusOf(i: OrgInvitation, now: Date): OrgInvitationDto['status'] {
  return i.status === 'pending' && i.expiresAt <= now ? 'expired' : i.status;
}

export function toOrgInvitationDto(i: OrgInvitation, now = new Date()): OrgInvitationDto {
  return {
    id: i.id,
    organisationId: i.organisationId,
    email: i.email,
    role: i.role,
    status: statusOf(i, now),
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    ...(i.respondedAt ? { respondedAt: i.respondedAt.toISOString() } : {}),
  };
}

export function toMyOrgInvitationDto(
  { invitation, organisation }: InvitationWithOrganisation,
  now = new Date(),
): MyOrgInvitationDto {
  return {
    id: invitation.id,
    role: invitation.role,
    status: statusOf(invitation, now),
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    organisation: toOrganisationDto(organisation),
  };
}
