import type { OrganisationMember } from './organisations.service.js';
import type { Organisation } from './organisations.repository.js';
import type { MemberDto, OrganisationDto } from './organisations.schemas.js';

export function toOrganisationDto(o: Organisation): OrganisationDto {
  return {
    id: o.id,
    kind: o.kind,
    ...(o.buyerType ? { buyerType: o.buyerType } : {}),
    name: o.name,
    country: o.country,
    orgNumber: o.orgNumber,
    ...(o.website ? { website: o.website } : {}),
    status: o.status,
    ...(o.verifiedAt ? { verifiedAt: o.verifiedAt.toISOString() } : {}),
    ...(o.rejectionReason ? { rejectionReason: o.rejectionReason } : {}),
    createdAt: o.createdAt.toISOString(),
  };
}

export function toMemberDto(m: OrganisationMember): MemberDto {
  return {
    userId: m.userId,
    email: m.email,
    ...(m.name ? { name: m.name } : {}),
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
  };
}
