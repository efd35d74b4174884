import type { Connection } from 'mongoose';
import { errors, type FieldProblem } from '../../platform/errors.js';
import { inTransaction, type Outbox } from '../../platform/outbox/outbox.js';
import type { BuyerGroupsRepository } from '../networks/buyer-groups.repository.js';
import { networkResource } from '../networks/networks.resources.js';
import type { Network, NetworksRepository } from '../networks/networks.repository.js';
import type { Authorizer } from '../policy/guards.js';
import { can } from '../policy/policy.js';
import type { Subject } from '../policy/subject.js';
import { withAncestors } from '../reference/cpv.js';
import { regionsWithAncestors } from '../reference/nuts.js';
import { needResource, type NeedAccess, type NeedView } from './needs.access.js';
import { needEvents } from './needs.events.js';
import {
  assertTransition,
  changedFields,
  invalidTransition,
  missingForSubmission,
  transitions,
} from './needs.lifecycle.js';
import type { NeedsRepository } from './needs.repository.js';
import type { CloseNeedInput, CreateNeedInput, UpdateNeedInput } from './needs.schemas.js';
import type { DemandRow, Need, NeedChange, NeedContent, NeedStatus, Page } from './needs.types.js';

export interface NeedsService {
  create(subject: Subject, input: CreateNeedInput): Promise<NeedView>;
  update(subject: Subject, id: string, input: UpdateNeedInput): Promise<NeedView>;
  submit(subject: Subject, id: string): Promise<NeedView>;
  close(subject: Subject, id: string, input: CloseNeedInput): Promise<NeedView>;
  get(subject: Subject, id: string): Promise<NeedView>;
  changes(
    subject: Subject,
    id: string,
    page: number,
    pageSize: number,
  ): Promise<Page<NeedChange> & { organisationNames: Map<string, string> }>;
  /** A network's needs: every status for its members and admins, public ones for others. */
  listForNetwork(
    subject: Subject,
    networkId: string,
    statuses: NeedStatus[] | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<Need> & { network: Network }>;
}

export interface NeedsServiceDeps {
  mongo: Connection;
  needs: NeedsRepository;
  networks: NetworksRepository;
  groups: BuyerGroupsRepository;
  outbox: Outbox;
  authorizer: Authorizer;
  access: NeedAccess;
}

function userIdOf(subject: Subject): string {
  if (!subject.principal) throw errors.unauthorized();
  return subject.principal.userId;
}

/** Stored content for the given input fields: codes with their ancestors for filtering. */
function withDerived<T extends Partial<NeedContent>>(
  content: T,
): T & { cpvAll?: string[]; regionsAll?: string[] } {
  return {
    ...content,
    ...(content.cpvCodes ? { cpvAll: withAncestors(content.cpvCodes) } : {}),
    ...(content.regions ? { regionsAll: regionsWithAncestors(content.regions) } : {}),
  };
}

export function createNeedsService(deps: NeedsServiceDeps): NeedsService {
  const { mongo, needs, networks, groups, outbox, authorizer, access } = deps;

  /** Only member organisations of the owning network (or of its buyer group) may be listed. */
  async function checkOwnership(
    network: Network,
    buyerGroupId: string | null | undefined,
    demand: DemandRow[],
  ) {
    const problems: FieldProblem[] = [];
    let allowed = new Set(network.members.map((m) => m.organisationId));
    if (buyerGroupId) {
      const group = await groups.find(network.id, buyerGroupId);
      if (!group) {
        problems.push({
          location: 'body',
          path: 'buyerGroupId',
          message: 'Not a buyer group of this network.',
          code: 'not_found',
        });
      } else allowed = new Set(group.memberOrgIds);
    }
    demand.forEach((row, i) => {
      if (!allowed.has(row.organisationId)) {
        problems.push({
          location: 'body',
          path: `demand.${i}.organisationId`,
          message: buyerGroupId
            ? 'Not a member organisation of the buyer group.'
            : 'Not a member organisation of the network.',
          code: 'not_member',
        });
      }
    });
    if (problems.length > 0) throw errors.validation(problems);
  }

  return {
    async create(subject, input) {
      const userId = userIdOf(subject);
      const network = await networks.findById(input.networkId);
      if (!network) {
        throw errors.validation([
          { location: 'body', path: 'networkId', message: 'No such network.', code: 'not_found' },
        ]);
      }
      await authorizer.assertCan(subject, 'need.create', networkResource(network));
      const { networkId, ...content } = input;
      await checkOwnership(network, content.buyerGroupId, content.demand ?? []);
      const need = await inTransaction(mongo, (tx) =>
        needs.create(
          {
            ...content,
            buyerGroupId: content.buyerGroupId ?? undefined,
            networkId,
            summary: content.summary ?? '',
            cpvAll: withAncestors(content.cpvCodes ?? []),
            regionsAll: regionsWithAncestors(content.regions ?? []),
            createdBy: userId,
            createdByOrgId: access.actingOrgId(subject, network),
          },
          tx,
        ),
      );
      return access.view(subject, { need, network, resource: needResource(need, network) });
    },

    async update(subject, id, input) {
      const userId = userIdOf(subject);
      const loaded = await access.load(id);
      const { need, network } = loaded;
      await authorizer.assertCan(subject, 'need.edit', loaded.resource);
      assertTransition('edit', need.status);
      const { version, changeNote, ...patch } = input;
      if (version !== undefined && version !== need.version) {
        throw errors.conflict(
          'version_conflict',
          'The need was changed by someone else; reload it and try again.',
          {
            currentVersion: need.version,
          },
        );
      }
      if (patch.buyerGroupId !== undefined || patch.demand !== undefined) {
        const group = patch.buyerGroupId !== undefined ? patch.buyerGroupId : need.buyerGroupId;
        await checkOwnership(network, group, patch.demand ?? need.demand);
      }
      const fields = changedFields(need, patch as Partial<NeedContent>);
      if (fields.length === 0) return access.view(subject, loaded);
      const changed = Object.fromEntries(
        fields.map((f) => [f.field, (patch as Record<string, unknown>)[f.field]]),
      );
      const updated = await inTransaction(mongo, async (tx) => {
        const after = await needs.updateContent(
          id,
          { version: need.version, statuses: transitions.edit.from },
          withDerived(changed as Partial<NeedContent>),
          tx,
        );
        if (!after) {
          const current = await needs.findById(id, tx);
          if (current && !transitions.edit.from.includes(current.status))
            throw invalidTransition('edit', current.status);
          throw errors.conflict(
            'version_conflict',
            'The need was changed by someone else; reload it and try again.',
            {
              currentVersion: current?.version,
            },
          );
        }
        // After publication every change is public: logged, indexed and (issue 6) announced.
        if (after.status === 'published') {
          const change = await needs.addChange(
            {
              needId: id,
              organisationId: access.actingOrgId(subject, network),
              userId,
              version: after.version,
              note: changeNote,
              fields,
            },
            tx,
          );
          await outbox.record(tx, [needEvents.changed(id, after.version), needEvents.updated(id, change.id)]);
        }
        return after;
      });
      return access.view(subject, { ...loaded, need: updated, resource: needResource(updated, network) });
    },

    async submit(subject, id) {
      const loaded = await access.load(id);
      const { need, network } = loaded;
      await authorizer.assertCan(subject, 'need.submit', loaded.resource);
      assertTransition('submit', need.status);
      const missing = missingForSubmission(need);
      if (missing.length > 0) {
        throw errors.badRequest(
          'need_incomplete',
          'The need lacks what a review needs; complete it first.',
          missing,
        );
      }
      if (network.status !== 'approved') {
        throw errors.conflict(
          'network_not_approved',
          'The network must be approved before its needs can be published.',
        );
      }
      const updated = await inTransaction(mongo, async (tx) => {
        const after = await needs.transition(
          id,
          transitions.submit.from,
          { status: 'submitted', set: { submittedAt: new Date() } },
          tx,
        );
        if (!after) throw invalidTransition('submit', (await needs.findById(id, tx))?.status ?? need.status);
        return after;
      });
      return access.view(subject, { ...loaded, need: updated, resource: needResource(updated, network) });
    },

    async close(subject, id, input) {
      const userId = userIdOf(subject);
      const loaded = await access.load(id);
      const { need, network } = loaded;
      await authorizer.assertCan(subject, 'need.close', loaded.resource);
      assertTransition('close', need.status);
      const updated = await inTransaction(mongo, async (tx) => {
        const closedAt = new Date();
        const after = await needs.transition(
          id,
          transitions.close.from,
          { status: 'closed', set: { closedAt, stage: 'closed', outcome: input.outcome } },
          tx,
        );
        if (!after) throw invalidTransition('close', (await needs.findById(id, tx))?.status ?? need.status);
        const change = await needs.addChange(
          {
            needId: id,
            organisationId: access.actingOrgId(subject, network),
            userId,
            version: after.version,
            fields: [
              { field: 'status', before: need.status, after: 'closed' },
              { field: 'stage', before: need.stage, after: 'closed' },
              { field: 'outcome', before: null, after: input.outcome },
            ],
          },
          tx,
        );
        await outbox.record(tx, [needEvents.changed(id, after.version), needEvents.updated(id, change.id)]);
        return after;
      });
      return access.view(subject, { ...loaded, need: updated, resource: needResource(updated, network) });
    },

    async get(subject, id) {
      return access.view(subject, await access.loadVisible(subject, id));
    },

    async changes(subject, id, page, pageSize) {
      await access.loadVisible(subject, id);
      const result = await needs.listChanges(id, page, pageSize);
      const organisationNames = await access.names(
        result.items.flatMap((c) => (c.organisationId ? [c.organisationId] : [])),
      );
      return { ...result, organisationNames };
    },

    async listForNetwork(subject, networkId, statuses, page, pageSize) {
      const network = await networks.findById(networkId);
      if (!network) throw errors.notFound('network');
      const resource = networkResource(network);
      await authorizer.assertCan(subject, 'network.read', resource);
      const insider =
        subject.principal !== null &&
        can(subject, 'need.readDraft', { type: 'need', id: '', network: resource, published: false });
      const result = await needs.listForNetwork(
        networkId,
        { statuses, publicOnly: !insider },
        page,
        pageSize,
      );
      return { ...result, network };
    },
  };
}
