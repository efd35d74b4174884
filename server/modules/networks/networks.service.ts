import type { ClientSession, Connection } from 'mongoose';
import { errors } from '../../platform/errors.js';
import { inTransaction } from '../../platform/outbox/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import { organisationTemplateNames } from '../organisations/organisations.emails.js';
import type { OwnerNotifier } from '../organisations/owner-notifier.js';
import type { OrganisationsRepository, Page } from '../organisations/organisations.repository.js';
import { organisationResource } from '../organisations/organisations.resources.js';
import type { NetworkStatus } from '../policy/actions.js';
import type { Authorizer } from '../policy/guards.js';
import { actingBuyerOrgIds } from '../policy/policy.js';
import { actorOf, type Subject } from '../policy/subject.js';
import type { BuyerGroupsRepository } from './buyer-groups.repository.js';
import type { OrgNames } from './networks.dto.js';
import type { Network, NetworksRepository } from './networks.repository.js';
import type { CreateNetworkInput, UpdateNetworkInput } from './networks.schemas.js';
import { slugify } from './slug.js';

/** A network with the names of the organisations it mentions. */
export interface NetworkView {
  network: Network;
  names: OrgNames;
}

export interface NetworksService {
  create(subject: Subject, input: CreateNetworkInput): Promise<NetworkView>;
  listPublic(
    q: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<Network> & { names: OrgNames }>;
  mine(subject: Subject): Promise<Page<Network> & { names: OrgNames }>;
  get(id: string): Promise<NetworkView>;
  update(subject: Subject, id: string, changes: UpdateNetworkInput): Promise<NetworkView>;
  leave(subject: Subject, id: string, organisationId: string): Promise<void>;
  handOver(subject: Subject, id: string, toOrganisationId: string): Promise<NetworkView>;
  /** Admin queue, oldest first. */
  listByStatus(
    status: NetworkStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<Network> & { names: OrgNames }>;
  approve(subject: Subject, id: string): Promise<NetworkView>;
  reject(subject: Subject, id: string, reason: string): Promise<NetworkView>;
}

export interface NetworksServiceDeps {
  mongo: Connection;
  networks: NetworksRepository;
  groups: BuyerGroupsRepository;
  organisations: OrganisationsRepository;
  audit: AuditService;
  notifier: OwnerNotifier;
  authorizer: Authorizer;
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

export function createNetworksService(deps: NetworksServiceDeps): NetworksService {
  const { mongo, networks, groups, organisations, audit, notifier, authorizer } = deps;

  async function namesFor(ids: string[]): Promise<OrgNames> {
    const orgs = await organisations.findByIds([...new Set(ids)]);
    return new Map(orgs.map((o) => [o.id, o]));
  }

  async function view(network: Network): Promise<NetworkView> {
    return { network, names: await namesFor(network.members.map((m) => m.organisationId)) };
  }

  async function withNames(page: Page<Network>) {
    return { ...page, names: await namesFor(page.items.map((n) => n.coordinatorOrgId)) };
  }

  async function mustFind(id: string, tx?: ClientSession): Promise<Network> {
    const network = await networks.findById(id, tx);
    if (!network) throw errors.notFound('network');
    return network;
  }

  function userIdOf(subject: Subject): string {
    if (!subject.principal) throw errors.unauthorized();
    return subject.principal.userId;
  }

  /** The organisation a new network is created for: the one named, or the subject's only verified buyer. */
  async function coordinatorFor(subject: Subject, organisationId: string | undefined): Promise<string> {
    if (organisationId) {
      const org = await organisations.findById(organisationId);
      if (!org) {
        throw errors.validation([
          { location: 'body', path: 'organisationId', message: 'No such organisation.' },
        ]);
      }
      await authorizer.assertCan(subject, 'network.create', organisationResource(org));
      return org.id;
    }
    await authorizer.assertCan(subject, 'network.create', undefined);
    const candidates = actingBuyerOrgIds(subject);
    if (candidates.length !== 1) {
      throw errors.validation([
        {
          location: 'body',
          path: 'organisationId',
          message: 'You belong to several verified buyer organisations: name the one that coordinates.',
        },
      ]);
    }
    return candidates[0]!;
  }

  async function uniqueSlug(name: string): Promise<string> {
    const base = slugify(name);
    if (!(await networks.slugExists(base))) return base;
    for (let n = 2; n < 50; n++) {
      const candidate = `${base}-${n}`;
      if (!(await networks.slugExists(candidate))) return candidate;
    }
    return `${base}-${Date.now().toString(36)}`;
  }

  async function moderate(subject: Subject, id: string, to: 'approved' | 'rejected', reason?: string) {
    await authorizer.assertCan(subject, 'admin.moderateNetworks', undefined);
    const from: NetworkStatus[] = to === 'approved' ? ['pending', 'rejected'] : ['pending', 'approved'];
    const network = await inTransaction(mongo, async (tx) => {
      const at = new Date();
      const changed = await networks.moderate(
        id,
        from,
        { status: to, by: userIdOf(subject), at, reason },
        tx,
      );
      if (!changed) {
        const current = await mustFind(id, tx);
        throw errors.conflict('invalid_status', `The network is already ${current.status}.`, {
          status: current.status,
        });
      }
      await audit.record(
        {
          ...actorOf(subject),
          action: to === 'approved' ? 'network.approved' : 'network.rejected',
          targetType: 'network',
          targetId: id,
          details: { name: changed.name, ...(reason ? { reason } : {}) },
        },
        tx,
      );
      await notifier.notify(tx, [
        {
          organisationId: changed.coordinatorOrgId,
          template:
            to === 'approved'
              ? organisationTemplateNames.networkApproved
              : organisationTemplateNames.networkRejected,
          eventKey: `network-${to}.${id}.${at.getTime()}`,
          data: { networkId: id, networkName: changed.name, ...(reason ? { reason } : {}) },
        },
      ]);
      return changed;
    });
    return view(network);
  }

  return {
    async create(subject, input) {
      const { organisationId, ...fields } = input;
      const coordinatorOrgId = await coordinatorFor(subject, organisationId);
      const createdBy = userIdOf(subject);
      for (let attempt = 0; ; attempt++) {
        const slug =
          attempt === 0
            ? await uniqueSlug(fields.name)
            : `${slugify(fields.name)}-${Date.now().toString(36)}`;
        try {
          const network = await inTransaction(mongo, async (tx) => {
            const created = await networks.create({ ...fields, slug, coordinatorOrgId, createdBy }, tx);
            await audit.record(
              {
                ...actorOf(subject),
                action: 'network.created',
                targetType: 'network',
                targetId: created.id,
                details: { name: created.name, coordinatorOrgId },
              },
              tx,
            );
            return created;
          });
          return view(network);
        } catch (err) {
          // Two networks with the same name created at once: the loser takes a suffixed slug.
          if (!isDuplicateKey(err) || attempt >= 2) throw err;
        }
      }
    },

    async listPublic(q, page, pageSize) {
      return withNames(await networks.list({ status: 'approved', q }, page, pageSize, 'name'));
    },

    async mine(subject) {
      const orgIds = subject.memberships.map((m) => m.organisationId);
      if (orgIds.length === 0) return { items: [], total: 0, names: new Map() };
      return withNames(await networks.list({ memberOrgIds: orgIds }, 1, 100, 'name'));
    },

    get: async (id) => view(await mustFind(id)),

    async update(subject, id, changes) {
      const network = await inTransaction(mongo, async (tx) => {
        const current = await mustFind(id, tx);
        // A rejected network that is edited goes back to the moderation queue.
        const status = current.status === 'rejected' ? ('pending' as const) : undefined;
        const updated = await networks.update(id, { ...changes, ...(status ? { status } : {}) }, tx);
        if (!updated) throw errors.notFound('network');
        await audit.record(
          {
            ...actorOf(subject),
            action: 'network.updated',
            targetType: 'network',
            targetId: id,
            details: { fields: Object.keys(changes), ...(status ? { resubmitted: true } : {}) },
          },
          tx,
        );
        return updated;
      });
      return view(network);
    },

    async leave(subject, id, organisationId) {
      await inTransaction(mongo, async (tx) => {
        const network = await mustFind(id, tx);
        if (network.coordinatorOrgId === organisationId) {
          throw errors.conflict(
            'coordinator_cannot_leave',
            'The coordinating organisation cannot leave: hand over coordination to another member first.',
          );
        }
        if (!(await networks.removeMember(id, organisationId, tx))) {
          throw errors.conflict('not_a_member', 'The organisation is not a member of this network.');
        }
        await groups.removeOrganisation(id, organisationId, tx);
        await audit.record(
          {
            ...actorOf(subject),
            action: 'network.member.left',
            targetType: 'network',
            targetId: id,
            details: { organisationId },
          },
          tx,
        );
      });
    },

    async handOver(subject, id, toOrganisationId) {
      const network = await inTransaction(mongo, async (tx) => {
        const current = await mustFind(id, tx);
        if (current.coordinatorOrgId === toOrganisationId) {
          throw errors.conflict('already_coordinator', 'This organisation already coordinates the network.');
        }
        if (!current.members.some((m) => m.organisationId === toOrganisationId)) {
          throw errors.conflict(
            'not_a_member',
            'Coordination can only be handed over to a member organisation.',
            [{ location: 'body', path: 'organisationId', message: 'Not a member of this network.' }],
          );
        }
        const target = await organisations.findById(toOrganisationId, tx);
        if (!target || target.kind !== 'buyer' || target.status !== 'verified') {
          throw errors.conflict(
            'organisation_not_eligible',
            'Only a verified buyer organisation can coordinate.',
            [{ location: 'body', path: 'organisationId', message: 'Not a verified buyer organisation.' }],
          );
        }
        if (!(await networks.setCoordinator(id, current.coordinatorOrgId, toOrganisationId, tx))) {
          throw errors.conflict(
            'coordination_changed',
            'Coordination changed meanwhile; reload and try again.',
          );
        }
        await audit.record(
          {
            ...actorOf(subject),
            action: 'network.coordination_handed_over',
            targetType: 'network',
            targetId: id,
            details: { from: current.coordinatorOrgId, to: toOrganisationId },
          },
          tx,
        );
        return { ...current, coordinatorOrgId: toOrganisationId };
      });
      return view(network);
    },

    async listByStatus(status, page, pageSize) {
      return withNames(await networks.list({ status }, page, pageSize, 'oldest'));
    },
    approve: (subject, id) => moderate(subject, id, 'approved'),
    reject: (subject, id, reason) => moderate(subject, id, 'rejected', reason),
  };
}
