import mongoose, { type ClientSession, type Connection } from 'mongoose';
import type { MembershipRole } from '../policy/actions.js';
import { orgInvitationModel, type OrgInvitationDoc } from './org-invitation.model.js';

export type OrgInvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

export interface OrgInvitation {
  id: string;
  organisationId: string;
  email: string;
  role: MembershipRole;
  invitedBy?: string;
  status: OrgInvitationStatus;
  expiresAt: Date;
  respondedAt?: Date;
  createdAt: Date;
}

export interface OrgInvitationsRepository {
  create(
    input: {
      organisationId: string;
      email: string;
      role: MembershipRole;
      invitedBy: string;
      expiresAt: Date;
    },
    tx: ClientSession,
  ): Promise<OrgInvitation>;
  findById(id: string, tx?: ClientSession): Promise<OrgInvitation | null>;
  /** The organisation's invitations, newest first (at most `limit`). */
  listForOrganisation(organisationId: string, limit: number): Promise<OrgInvitation[]>;
  /** Open, unexpired invitations to this address. */
  pendingForEmail(email: string, now: Date): Promise<OrgInvitation[]>;
  /** Moves a pending invitation to `status`; false when it is no longer pending. */
  close(
    id: string,
    status: Exclude<OrgInvitationStatus, 'pending'>,
    at: Date,
    tx: ClientSession,
  ): Promise<boolean>;
  /** Closes an expired pending invitation so that the address can be invited again. */
  expire(organisationId: string, email: string, now: Date, tx: ClientSession): Promise<void>;
  /** Personal data: invitations to this address (export). */
  listForEmail(email: string): Promise<OrgInvitation[]>;
  /** Personal data: drop invitations to the address and forget who invited. */
  forget(userId: string, email: string, tx: ClientSession): Promise<void>;
}

function toInvitation(doc: OrgInvitationDoc): OrgInvitation {
  return {
    id: String(doc._id),
    organisationId: String(doc.organisationId),
    email: doc.email,
    role: doc.role,
    invitedBy: doc.invitedBy ? String(doc.invitedBy) : undefined,
    status: doc.status,
    expiresAt: doc.expiresAt,
    respondedAt: doc.respondedAt ?? undefined,
    createdAt: doc.createdAt,
  };
}

export function createOrgInvitationsRepository(connection: Connection): OrgInvitationsRepository {
  const model = orgInvitationModel(connection);
  return {
    async create(input, tx) {
      const [doc] = await model.create([{ ...input, status: 'pending' }], { session: tx });
      return toInvitation(doc!.toObject());
    },
    async findById(id, tx) {
      const doc = await model.findById(id, null, tx ? { session: tx } : {}).lean<OrgInvitationDoc>();
      return doc ? toInvitation(doc) : null;
    },
    async listForOrganisation(organisationId, limit) {
      const docs = await model
        .find({ organisationId })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean<OrgInvitationDoc[]>();
      return docs.map(toInvitation);
    },
    async pendingForEmail(email, now) {
      const docs = await model
        .find({ email, status: 'pending', expiresAt: mongoose.trusted({ $gt: now }) })
        .sort({ createdAt: -1, _id: -1 })
        .lean<OrgInvitationDoc[]>();
      return docs.map(toInvitation);
    },
    async close(id, status, at, tx) {
      const result = await model.updateOne(
        { _id: id, status: 'pending' },
        { $set: { status, respondedAt: at } },
        { session: tx },
      );
      return result.modifiedCount > 0;
    },
    async expire(organisationId, email, now, tx) {
      // An expired invitation was never answered: it reads as revoked, which frees the unique slot.
      await model.updateMany(
        { organisationId, email, status: 'pending', expiresAt: mongoose.trusted({ $lte: now }) },
        { $set: { status: 'revoked' } },
        { session: tx },
      );
    },
    async listForEmail(email) {
      const docs = await model.find({ email }).sort({ createdAt: 1 }).lean<OrgInvitationDoc[]>();
      return docs.map(toInvitation);
    },
    async forget(userId, email, tx) {
      await model.deleteMany({ email }, { session: tx });
      await model.updateMany({ invitedBy: userId }, { $unset: { invitedBy: 1 } }, { session: tx });
    },
  };
}
