import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { invitationModel, type InvitationDoc } from './invitation.model.js';

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

export interface Invitation {
  id: string;
  networkId: string;
  organisationId: string;
  invitedBy?: string;
  status: InvitationStatus;
  respondedAt?: Date;
  createdAt: Date;
}

export interface InvitationsRepository {
  create(
    input: { networkId: string; organisationId: string; invitedBy: string },
    tx: ClientSession,
  ): Promise<Invitation>;
  findById(id: string, tx?: ClientSession): Promise<Invitation | null>;
  listForNetwork(networkId: string): Promise<Invitation[]>;
  /** Pending invitations to any of these organisations. */
  pendingFor(organisationIds: string[]): Promise<Invitation[]>;
  pendingOrgIds(networkId: string): Promise<string[]>;
  /** Moves a pending invitation to `status`; false when it is no longer pending. */
  close(
    id: string,
    status: Exclude<InvitationStatus, 'pending'>,
    by: string,
    at: Date,
    tx: ClientSession,
  ): Promise<boolean>;
  /** Personal data: forget who invited (the invitation itself belongs to the organisations). */
  forgetUser(userId: string, tx: ClientSession): Promise<void>;
  countByUser(userId: string): Promise<number>;
}

function toInvitation(doc: InvitationDoc): Invitation {
  return {
    id: String(doc._id),
    networkId: String(doc.networkId),
    organisationId: String(doc.organisationId),
    invitedBy: doc.invitedBy ? String(doc.invitedBy) : undefined,
    status: doc.status,
    respondedAt: doc.respondedAt ?? undefined,
    createdAt: doc.createdAt,
  };
}

export function createInvitationsRepository(connection: Connection): InvitationsRepository {
  const model = invitationModel(connection);
  return {
    async create(input, tx) {
      const [doc] = await model.create([{ ...input, status: 'pending' }], { session: tx });
      return toInvitation(doc!.toObject());
    },
    async findById(id, tx) {
      const doc = await model.findById(id, null, tx ? { session: tx } : {}).lean<InvitationDoc>();
      return doc ? toInvitation(doc) : null;
    },
    async listForNetwork(networkId) {
      const docs = await model.find({ networkId }).sort({ createdAt: -1, _id: -1 }).lean<InvitationDoc[]>();
      return docs.map(toInvitation);
    },
    async pendingFor(organisationIds) {
      if (organisationIds.length === 0) return [];
      const docs = await model
        .find({ organisationId: mongoose.trusted({ $in: organisationIds }), status: 'pending' })
        .sort({ createdAt: -1, _id: -1 })
        .lean<InvitationDoc[]>();
      return docs.map(toInvitation);
    },
    async pendingOrgIds(networkId) {
      const docs = await model.find({ networkId, status: 'pending' }, { organisationId: 1 }).lean();
      return docs.map((d) => String(d.organisationId));
    },
    async close(id, status, by, at, tx) {
      const result = await model.updateOne(
        { _id: id, status: 'pending' },
        { $set: { status, respondedAt: at, respondedBy: by } },
        { session: tx },
      );
      return result.modifiedCount > 0;
    },
    async forgetUser(userId, tx) {
      await model.updateMany({ invitedBy: userId }, { $unset: { invitedBy: 1 } }, { session: tx });
      await model.updateMany({ respondedBy: userId }, { $unset: { respondedBy: 1 } }, { session: tx });
    },
    countByUser: (userId) => model.countDocuments({ invitedBy: userId }),
  };
}
