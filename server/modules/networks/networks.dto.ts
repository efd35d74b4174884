import type { Organisation } from '../organisations/organisations.repository.js';
import type { BuyerGroup } from './buyer-groups.repository.js';
import type { Invitation } from './invitations.repository.js';
import type { Network } from './networks.repository.js';
import type {
  BuyerGroupDto,
  InvitationDto,
  NetworkDto,
  NetworkSummaryDto,
  OrganisationRefDto,
} from './networks.schemas.js';

/** Organisations by id, for names in DTOs. */
export type OrgNames = Map<string, Pick<Organisation, 'id' | 'name' | 'buyerType'>>;

export function orgRef(names: OrgNames, id: string): OrganisationRefDto {
  const org = names.get(id);
  return { id, name: org?.name ?? '', ...(org?.buyerType ? { buyerType: org.buyerType } : {}) };
}

export function toNetworkSummaryDto(n: Network, names: OrgNames): NetworkSummaryDto {
  return {
    id: n.id,
    slug: n.slug,
    name: n.name,
    subjectArea: n.subjectArea,
    description: n.description,
    languages: n.languages,
    status: n.status,
    coordinator: orgRef(names, n.coordinatorOrgId),
    memberCount: n.members.length,
    createdAt: n.createdAt.toISOString(),
  };
}

export function toNetworkDto(n: Network, names: OrgNames): NetworkDto {
  return {
    ...toNetworkSummaryDto(n, names),
    contact: n.contact,
    members: n.members.map((m) => ({
      ...orgRef(names, m.organisationId),
      joinedAt: m.joinedAt.toISOString(),
      isCoordinator: m.organisationId === n.coordinatorOrgId,
    })),
    ...(n.approvedAt ? { approvedAt: n.approvedAt.toISOString() } : {}),
    ...(n.rejectionReason ? { rejectionReason: n.rejectionReason } : {}),
    matchThreshold: n.matchThreshold,
  };
}

export function toInvitationDto(
  i: Invitation,
  network: Pick<Network, 'id' | 'name' | 'subjectArea'> | undefined,
  names: OrgNames,
): InvitationDto {
  return {
    id: i.id,
    network: { id: i.networkId, name: network?.name ?? '', subjectArea: network?.subjectArea ?? '' },
    organisation: orgRef(names, i.organisationId),
    status: i.status,
    createdAt: i.createdAt.toISOString(),
    ...(i.respondedAt ? { respondedAt: i.respondedAt.toISOString() } : {}),
  };
}

export function toBuyerGroupDto(g: BuyerGroup, names: OrgNames, now = new Date()): BuyerGroupDto {
  return {
    id: g.id,
    networkId: g.networkId,
    name: g.name,
    purpose: g.purpose,
    members: g.memberOrgIds.map((id) => orgRef(names, id)),
    endsAt: g.endsAt.toISOString(),
    active: g.endsAt.getTime() > now.getTime(),
    createdAt: g.createdAt.toISOString(),
  };
}
