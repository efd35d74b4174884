import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { buyerGroupModel, type BuyerGroupDoc } from './buyer-group.model.js';

export interface BuyerGroup {
  id: string;
  networkId: string;
  name: string;
  purpose: string;
  memberOrgIds: string[];
  endsAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type BuyerGroupChanges = Partial<Pick<BuyerGroup, 'name' | 'purpose' | 'memberOrgIds' | 'endsAt'>>;

export interface BuyerGroupsRepository {
  create(
    input: Omit<BuyerGroup, 'id' | 'createdAt' | 'updatedAt'> & { createdBy: string },
    tx?: ClientSession,
  ): Promise<BuyerGroup>;
  /** The group, only if it belongs to `networkId`. */
  find(networkId: string, groupId: string): Promise<BuyerGroup | null>;
  listForNetwork(networkId: string): Promise<BuyerGroup[]>;
  update(
    networkId: string,
    groupId: string,
    changes: BuyerGroupChanges,
    tx?: ClientSession,
  ): Promise<BuyerGroup | null>;
  /** An organisation that leaves a network leaves its groups too. */
  removeOrganisation(networkId: string, organisationId: string, tx: ClientSession): Promise<void>;
  /** Personal data: forget who created groups. */
  forgetCreator(userId: string, tx: ClientSession): Promise<void>;
}

function toBuyerGroup(doc: BuyerGroupDoc): BuyerGroup {
  return {
    id: String(doc._id),
    networkId: String(doc.networkId),
    name: doc.name,
    purpose: doc.purpose,
    memberOrgIds: doc.memberOrgIds.map(String),
    endsAt: doc.endsAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function createBuyerGroupsRepository(connection: Connection): BuyerGroupsRepository {
  const model = buyerGroupModel(connection);
  return {
    async create(input, tx) {
      const [doc] = await model.create([input], tx ? { session: tx } : {});
      return toBuyerGroup(doc!.toObject());
    },
    async find(networkId, groupId) {
      const doc = await model.findOne({ _id: groupId, networkId }).lean<BuyerGroupDoc>();
      return doc ? toBuyerGroup(doc) : null;
    },
    async listForNetwork(networkId) {
      const docs = await model.find({ networkId }).sort({ endsAt: -1, _id: -1 }).lean<BuyerGroupDoc[]>();
      return docs.map(toBuyerGroup);
    },
    async update(networkId, groupId, changes, tx) {
      const $set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) $set[key] = value;
      const doc = await model
        .findOneAndUpdate(
          { _id: groupId, networkId },
          { $set },
          { returnDocument: 'after', ...(tx ? { session: tx } : {}) },
        )
        .lean<BuyerGroupDoc>();
      return doc ? toBuyerGroup(doc) : null;
    },
    async removeOrganisation(networkId, organisationId, tx) {
      await model.updateMany(
        { networkId, memberOrgIds: organisationId },
        { $pull: { memberOrgIds: new mongoose.Types.ObjectId(organisationId) } },
        { session: tx },
      );
    },
    async forgetCreator(userId, tx) {
      await model.updateMany({ createdBy: userId }, { $unset: { createdBy: 1 } }, { session: tx });
    },
  };
}
