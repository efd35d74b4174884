import type { Connection } from 'mongoose';
import { errors } from '../../platform/errors.js';
import { inTransaction } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { actorOf, type Subject } from '../policy/subject.js';
import type { BuyerGroup, BuyerGroupsRepository } from './buyer-groups.repository.js';
import type { OrgNames } from './networks.dto.js';
import type { NetworksRepository } from './networks.repository.js';
import type { CreateGroupInput, UpdateGroupInput } from './networks.schemas.js';

export interface BuyerGroupsView {
  items: BuyerGroup[];
  names: OrgNames;
}

export interface BuyerGroupsService {
  create(subject: Subject, networkId: string, input: CreateGroupInput): Promise<BuyerGroupsView>;
  list(networkId: string): Promise<BuyerGroupsView>;
  update(
    subject: Subject,
    networkId: string,
    groupId: string,
    changes: UpdateGroupInput,
  ): Promise<BuyerGroupsView>;
  /** For the needs feature: the group, only if it belongs to the network. */
  find(networkId: string, groupId: string): Promise<BuyerGroup | null>;
}

export function createBuyerGroupsService(deps: {
  mongo: Connection;
  networks: NetworksRepository;
  groups: BuyerGroupsRepository;
  organisations: OrganisationsRepository;
  audit: AuditService;
}): BuyerGroupsService {
  const { mongo, networks, groups, organisations, audit } = deps;

  async function present(items: BuyerGroup[]): Promise<BuyerGroupsView> {
    const orgs = await organisations.findByIds([...new Set(items.flatMap((g) => g.memberOrgIds))]);
    return { items, names: new Map(orgs.map((o) => [o.id, o])) };
  }

  /** A buyer group is a subset of the network's members: name each one that is not. */
  async function assertMembers(networkId: string, memberOrgIds: string[]) {
    const network = await networks.findById(networkId);
    if (!network) throw errors.notFound('network');
    const members = new Set(network.members.map((m) => m.organisationId));
    const problems = memberOrgIds.flatMap((id, i) =>
      members.has(id)
        ? []
        : [
            {
              location: 'body' as const,
              path: `memberOrgIds.${i}`,
              message: 'Not a member of this network.',
            },
          ],
    );
    if (problems.length > 0) throw errors.validation(problems);
  }

  return {
    async create(subject, networkId, input) {
      await assertMembers(networkId, input.memberOrgIds);
      const group = await inTransaction(mongo, async (tx) => {
        const created = await groups.create(
          { networkId, ...input, createdBy: subject.principal?.userId ?? '' },
          tx,
        );
        await audit.record(
          {
            ...actorOf(subject),
            action: 'network.group.created',
            targetType: 'network',
            targetId: networkId,
            details: { groupId: created.id, memberOrgIds: created.memberOrgIds },
          },
          tx,
        );
        return created;
      });
      return present([group]);
    },
    list: async (networkId) => present(await groups.listForNetwork(networkId)),
    async update(subject, networkId, groupId, changes) {
      if (changes.memberOrgIds) await assertMembers(networkId, changes.memberOrgIds);
      const group = await inTransaction(mongo, async (tx) => {
        const updated = await groups.update(networkId, groupId, changes, tx);
        if (!updated) throw errors.notFound('buyer group');
        await audit.record(
          {
            ...actorOf(subject),
            action: 'network.group.updated',
            targetType: 'network',
            targetId: networkId,
            details: { groupId, fields: Object.keys(changes) },
          },
          tx,
        );
        return updated;
      });
      return present([group]);
    },
    find: (networkId, groupId) => groups.find(networkId, groupId),
  };
}
