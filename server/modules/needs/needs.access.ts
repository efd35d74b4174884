import type { ClientSession } from 'mongoose';
import { errors } from '../../platform/errors.js';
import type { BuyerGroupsRepository } from '../networks/buyer-groups.repository.js';
import { networkResource } from '../networks/networks.resources.js';
import type { Network, NetworksRepository } from '../networks/networks.repository.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { NeedResource } from '../policy/actions.js';
import { actingBuyerOrgIds, can } from '../policy/policy.js';
import type { Subject } from '../policy/subject.js';
import { transitions } from './needs.lifecycle.js';
import type { NeedsRepository } from './needs.repository.js';
import { isPublic, type Need } from './needs.types.js';

/** A need with what the policy and the views need to know about its network. */
export interface LoadedNeed {
  need: Need;
  network: Network;
  resource: NeedResource;
}

export interface NeedView extends LoadedNeed {
  buyerGroup?: { id: string; name: string };
  organisationNames: Map<string, string>;
  changeCount: number;
  /** The caller is a member of the network or an admin: show status details (rejection, hidden). */
  internal: boolean;
  permissions: { edit: boolean; submit: boolean; close: boolean; exportNotice: boolean };
}

export interface NeedAccessDeps {
  needs: NeedsRepository;
  networks: NetworksRepository;
  groups: BuyerGroupsRepository;
  organisations: OrganisationsRepository;
}

export function needResource(need: Need, network: Network): NeedResource {
  return { type: 'need', id: need.id, network: networkResource(network), published: isPublic(need) };
}

/**
 * Loading needs together with their network, the visibility rule, the organisation a user acts
 * for, and the views: shared by the lifecycle and the moderation services.
 */
export function createNeedAccess(deps: NeedAccessDeps) {
  const { needs, networks, groups, organisations } = deps;

  async function load(id: string, tx?: ClientSession): Promise<LoadedNeed> {
    const need = await needs.findById(id, tx);
    if (!need) throw errors.notFound('need');
    const network = await networks.findById(need.networkId, tx);
    if (!network) throw errors.notFound('need');
    return { need, network, resource: needResource(need, network) };
  }

  /** Public needs for everyone; other states for the network's members and admins; else 404. */
  function canSee(subject: Subject, loaded: LoadedNeed): boolean {
    if (loaded.resource.published) return true;
    return subject.principal !== null && can(subject, 'need.readDraft', loaded.resource);
  }

  async function loadVisible(subject: Subject, id: string): Promise<LoadedNeed> {
    const loaded = await load(id);
    // The same 404 as for a missing need: outsiders cannot tell a draft from nothing.
    if (!canSee(subject, loaded)) throw errors.notFound('need');
    return loaded;
  }

  /**
   * The member organisation a user acts for in this network: the coordinator if they act for
   * it, else their first member organisation (the change log names it).
   */
  function actingOrgId(subject: Subject, network: Network): string | undefined {
    const members = new Set(network.members.map((m) => m.organisationId));
    const acting = actingBuyerOrgIds(subject).filter((id) => members.has(id));
    return acting.includes(network.coordinatorOrgId) ? network.coordinatorOrgId : acting[0];
  }

  async function names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const found = await organisations.findByIds(unique);
    return new Map(found.map((o) => [o.id, o.name]));
  }

  async function networkNames(ids: string[]): Promise<Map<string, string>> {
    const found = await Promise.all([...new Set(ids)].map((id) => networks.findById(id)));
    return new Map(found.flatMap((n) => (n ? [[n.id, n.name] as const] : [])));
  }

  async function view(subject: Subject, loaded: LoadedNeed): Promise<NeedView> {
    const { need, network, resource } = loaded;
    const [group, organisationNames, changes] = await Promise.all([
      need.buyerGroupId ? groups.find(network.id, need.buyerGroupId) : Promise.resolve(null),
      names(need.demand.map((r) => r.organisationId)),
      needs.listChanges(need.id, 1, 1),
    ]);
    const signedIn = subject.principal !== null;
    return {
      ...loaded,
      ...(group ? { buyerGroup: { id: group.id, name: group.name } } : {}),
      organisationNames,
      changeCount: changes.total,
      internal: signedIn && can(subject, 'need.readDraft', resource),
      permissions: {
        edit: signedIn && can(subject, 'need.edit', resource) && transitions.edit.from.includes(need.status),
        submit:
          signedIn && can(subject, 'need.submit', resource) && transitions.submit.from.includes(need.status),
        close:
          signedIn && can(subject, 'need.close', resource) && transitions.close.from.includes(need.status),
        exportNotice: signedIn && can(subject, 'need.exportNotice', resource),
      },
    };
  }

  return { load, loadVisible, canSee, actingOrgId, names, networkNames, view };
}

export type NeedAccess = ReturnType<typeof createNeedAccess>;
