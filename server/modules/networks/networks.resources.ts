import type { Request } from 'express';
import type { InvitationResource, NetworkMemberResource, NetworkResource } from '../policy/actions.js';
import { idParam } from '../policy/params.js';
import type { InvitationsRepository } from './invitations.repository.js';
import type { Network, NetworksRepository } from './networks.repository.js';

/** The policy's view of a network. Later features (needs, meetings) build theirs with this. */
export function networkResource(
  n: Pick<Network, 'id' | 'status' | 'coordinatorOrgId' | 'members'>,
  invitedOrgIds: string[] = [],
): NetworkResource {
  return {
    type: 'network',
    id: n.id,
    status: n.status,
    coordinatorOrgId: n.coordinatorOrgId,
    memberOrgIds: n.members.map((m) => m.organisationId),
    invitedOrgIds,
  };
}

/** Resource loaders for the policy guards (ids are validated here: guards run before validation). */
export function createNetworkResources(repos: {
  networks: NetworksRepository;
  invitations: InvitationsRepository;
}) {
  async function byId(id: string): Promise<NetworkResource | null> {
    const [network, invited] = await Promise.all([
      repos.networks.findById(id),
      repos.invitations.pendingOrgIds(id),
    ]);
    return network ? networkResource(network, invited) : null;
  }
  return {
    byId,
    network: (req: Request) => byId(idParam(req, 'id')),
    async networkMember(req: Request): Promise<NetworkMemberResource | null> {
      const organisationId = idParam(req, 'organisationId');
      const network = await byId(idParam(req, 'id'));
      return network ? { type: 'networkMember', network, organisationId } : null;
    },
    async invitation(req: Request): Promise<InvitationResource | null> {
      const invitation = await repos.invitations.findById(idParam(req, 'id'));
      if (!invitation) return null;
      const network = await byId(invitation.networkId);
      return network
        ? { type: 'invitation', id: invitation.id, organisationId: invitation.organisationId, network }
        : null;
    },
  };
}

export type NetworkResources = ReturnType<typeof createNetworkResources>;
