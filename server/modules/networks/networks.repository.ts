import mongoose, { type ClientSession, type Connection } from 'mongoose';
import type { NetworkStatus } from '../policy/actions.js';
import type { Page } from '../organisations/organisations.repository.js';
import { thresholdOf } from './match-threshold.js';
import { networkModel, type NetworkDoc } from './network.model.js';

export type NetworkLanguage = 'sv' | 'en' | 'nb' | 'nn' | 'da' | 'fi' | 'is';

export interface NetworkContact {
  name: string;
  email: string;
  phone?: string;
}

export interface Network {
  id: string;
  name: string;
  slug: string;
  subjectArea: string;
  description: string;
  languages: NetworkLanguage[];
  contact: NetworkContact;
  coordinatorOrgId: string;
  members: { organisationId: string; joinedAt: Date }[];
  status: NetworkStatus;
  approvedAt?: Date;
  rejectedAt?: Date;
  rejectionReason?: string;
  /** The score of a strong match (match-threshold.ts); the default when the network never set it. */
  matchThreshold: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewNetwork {
  name: string;
  slug: string;
  subjectArea: string;
  description: string;
  languages: NetworkLanguage[];
  contact: NetworkContact;
  coordinatorOrgId: string;
  createdBy: string;
}

export type NetworkChanges = Partial<
  Pick<Network, 'name' | 'subjectArea' | 'description' | 'languages' | 'contact' | 'matchThreshold'>
>;

export interface NetworkListFilter {
  status?: NetworkStatus;
  /** Case-insensitive substring of the name or subject area. */
  q?: string;
  /** Only networks with one of these member organisations. */
  memberOrgIds?: string[];
}

export interface NetworksRepository {
  create(input: NewNetwork, tx: ClientSession): Promise<Network>;
  findById(id: string, tx?: ClientSession): Promise<Network | null>;
  slugExists(slug: string, tx?: ClientSession): Promise<boolean>;
  list(
    filter: NetworkListFilter,
    page: number,
    pageSize: number,
    order: 'name' | 'oldest',
  ): Promise<Page<Network>>;
  update(
    id: string,
    changes: NetworkChanges & { status?: NetworkStatus },
    tx: ClientSession,
  ): Promise<Network | null>;
  addMember(id: string, organisationId: string, at: Date, tx: ClientSession): Promise<boolean>;
  removeMember(id: string, organisationId: string, tx: ClientSession): Promise<boolean>;
  /** Moves coordination only if `from` still coordinates and `to` is a member. */
  setCoordinator(id: string, from: string, to: string, tx: ClientSession): Promise<boolean>;
  moderate(
    id: string,
    from: NetworkStatus[],
    change: { status: 'approved' | 'rejected'; by: string; at: Date; reason?: string },
    tx: ClientSession,
  ): Promise<Network | null>;
  /** Every network an organisation belongs to. */
  idsWithMember(organisationId: string): Promise<string[]>;
  /** Personal data: networks the user created, and forgetting that they did. */
  createdBy(userId: string): Promise<Pick<Network, 'id' | 'name' | 'createdAt'>[]>;
  forgetCreator(userId: string, tx: ClientSession): Promise<void>;
}

function toNetwork(doc: NetworkDoc): Network {
  return {
    id: String(doc._id),
    name: doc.name,
    slug: doc.slug,
    subjectArea: doc.subjectArea,
    description: doc.description,
    languages: doc.languages as NetworkLanguage[],
    contact: {
      name: doc.contact?.name ?? '',
      email: doc.contact?.email ?? '',
      ...(doc.contact?.phone ? { phone: doc.contact.phone } : {}),
    },
    coordinatorOrgId: String(doc.coordinatorOrgId),
    members: doc.members.map((m) => ({ organisationId: String(m.organisationId), joinedAt: m.joinedAt })),
    status: doc.status,
    approvedAt: doc.approvedAt ?? undefined,
    rejectedAt: doc.rejectedAt ?? undefined,
    rejectionReason: doc.rejectionReason ?? undefined,
    matchThreshold: thresholdOf(doc),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});

export function createNetworksRepository(connection: Connection): NetworksRepository {
  const model = networkModel(connection);
  return {
    async create(input, tx) {
      const now = new Date();
      const [doc] = await model.create(
        [
          {
            ...input,
            members: [{ organisationId: input.coordinatorOrgId, joinedAt: now }],
            status: 'pending',
          },
        ],
        { session: tx },
      );
      return toNetwork(doc!.toObject());
    },
    async findById(id, tx) {
      const doc = await model.findById(id, null, opts(tx)).lean<NetworkDoc>();
      return doc ? toNetwork(doc) : null;
    },
    async slugExists(slug, tx) {
      return (await model.exists({ slug }).session(tx ?? null)) !== null;
    },
    async list(filter, page, pageSize, order) {
      const query: Record<string, unknown> = {};
      if (filter.status) query.status = filter.status;
      if (filter.q) {
        const pattern = new RegExp(escapeRegExp(filter.q), 'i');
        query.$or = [{ name: pattern }, { subjectArea: pattern }];
      }
      if (filter.memberOrgIds)
        query['members.organisationId'] = mongoose.trusted({ $in: filter.memberOrgIds });
      const sort: Record<string, 1> = order === 'name' ? { name: 1, _id: 1 } : { createdAt: 1, _id: 1 };
      const [docs, total] = await Promise.all([
        model
          .find(query)
          .collation({ locale: 'sv', strength: 2 })
          .sort(sort)
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean<NetworkDoc[]>(),
        model.countDocuments(query),
      ]);
      return { items: docs.map(toNetwork), total };
    },
    async update(id, changes, tx) {
      const $set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) $set[key] = value;
      // Back to the moderation queue: the earlier decision no longer applies.
      const $unset =
        changes.status === 'pending' ? { rejectedAt: 1, rejectedBy: 1, rejectionReason: 1 } : undefined;
      const doc = await model
        .findOneAndUpdate(
          { _id: id },
          { $set, ...($unset ? { $unset } : {}) },
          { returnDocument: 'after', session: tx },
        )
        .lean<NetworkDoc>();
      return doc ? toNetwork(doc) : null;
    },
    async addMember(id, organisationId, at, tx) {
      const result = await model.updateOne(
        { _id: id, 'members.organisationId': mongoose.trusted({ $ne: organisationId }) },
        { $push: { members: { organisationId, joinedAt: at } } },
        { session: tx },
      );
      return result.modifiedCount > 0;
    },
    async removeMember(id, organisationId, tx) {
      const result = await model.updateOne(
        { _id: id, coordinatorOrgId: mongoose.trusted({ $ne: organisationId }) },
        { $pull: { members: { organisationId } } },
        { session: tx },
      );
      return result.modifiedCount > 0;
    },
    async setCoordinator(id, from, to, tx) {
      const result = await model.updateOne(
        { _id: id, coordinatorOrgId: from, 'members.organisationId': to },
        { $set: { coordinatorOrgId: to } },
        { session: tx },
      );
      return result.modifiedCount > 0;
    },
    async moderate(id, from, change, tx) {
      const update =
        change.status === 'approved'
          ? {
              $set: { status: change.status, approvedAt: change.at, approvedBy: change.by },
              $unset: { rejectedAt: 1, rejectedBy: 1, rejectionReason: 1 },
            }
          : {
              $set: {
                status: change.status,
                rejectedAt: change.at,
                rejectedBy: change.by,
                rejectionReason: change.reason,
              },
              $unset: { approvedAt: 1, approvedBy: 1 },
            };
      const doc = await model
        .findOneAndUpdate({ _id: id, status: mongoose.trusted({ $in: from }) }, update, {
          returnDocument: 'after',
          session: tx,
        })
        .lean<NetworkDoc>();
      return doc ? toNetwork(doc) : null;
    },
    async idsWithMember(organisationId) {
      const docs = await model.find({ 'members.organisationId': organisationId }, { _id: 1 }).lean();
      return docs.map((d) => String(d._id));
    },
    async createdBy(userId) {
      const docs = await model.find({ createdBy: userId }, { name: 1, createdAt: 1 }).lean();
      return docs.map((d) => ({ id: String(d._id), name: d.name, createdAt: d.createdAt }));
    },
    async forgetCreator(userId, tx) {
      await model.updateMany({ createdBy: userId }, { $unset: { createdBy: 1 } }, { session: tx });
    },
  };
}
