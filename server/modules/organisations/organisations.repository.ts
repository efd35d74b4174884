import mongoose, { type ClientSession, type Connection } from 'mongoose';
import type { MembershipRole, OrgKind, OrgStatus } from '../policy/actions.js';
import type { SubjectMembership } from '../policy/subject.js';
import { membershipModel, type MembershipDoc } from './membership.model.js';
import { organisationModel, type OrganisationDoc } from './organisation.model.js';

export type BuyerType = 'kommun' | 'region' | 'statlig_myndighet' | 'offentligt_bolag';
export type Country = 'SE' | 'NO';

export interface Organisation {
  id: string;
  kind: OrgKind;
  buyerType?: BuyerType;
  name: string;
  country: Country;
  orgNumber: string;
  website?: string;
  status: OrgStatus;
  verifiedAt?: Date;
  verifiedBy?: string;
  rejectedAt?: Date;
  rejectionReason?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Membership {
  userId: string;
  organisationId: string;
  role: MembershipRole;
  /** False only for memberships made before invitations (added without the person's consent). */
  consented: boolean;
  createdAt: Date;
}

export interface NewOrganisation {
  kind: OrgKind;
  buyerType?: BuyerType;
  name: string;
  country: Country;
  orgNumber: string;
  website?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface StatusChange {
  status: OrgStatus;
  by: string;
  at: Date;
  reason?: string;
}

export interface OrganisationsRepository {
  create(input: NewOrganisation, tx: ClientSession): Promise<Organisation>;
  findById(id: string, tx?: ClientSession): Promise<Organisation | null>;
  findByIds(ids: string[]): Promise<Organisation[]>;
  /** Oldest first, so the admin queue is worked in order. */
  listByStatus(status: OrgStatus | undefined, page: number, pageSize: number): Promise<Page<Organisation>>;
  /** Changes the status only if it is one of `from`; returns null otherwise. */
  changeStatus(
    id: string,
    from: OrgStatus[],
    change: StatusChange,
    tx: ClientSession,
  ): Promise<Organisation | null>;
  /** Marks the organisation's membership list as changed (see `membersVersion` in the model). */
  touchMembers(organisationId: string, tx: ClientSession): Promise<void>;
}

export interface MembershipsRepository {
  /** Records a membership the person consented to (now). */
  add(membership: Omit<Membership, 'createdAt' | 'consented'>, tx: ClientSession): Promise<Membership>;
  find(organisationId: string, userId: string, tx?: ClientSession): Promise<Membership | null>;
  listForOrganisation(organisationId: string, tx?: ClientSession): Promise<Membership[]>;
  listForUser(userId: string, tx?: ClientSession): Promise<Membership[]>;
  /** The user's memberships with the kind and status of each organisation, for the policy. */
  membershipsForUser(userId: string): Promise<SubjectMembership[]>;
  ownerIds(organisationId: string, tx?: ClientSession): Promise<string[]>;
  /** Owners who consented to their ownership (those who answer for the organisation). */
  consentedOwnerIds(organisationId: string, tx?: ClientSession): Promise<string[]>;
  /** Changes the role; `consented` also records the person's consent (an accepted invitation). */
  setRole(
    organisationId: string,
    userId: string,
    role: MembershipRole,
    tx: ClientSession,
    consented?: boolean,
  ): Promise<boolean>;
  remove(organisationId: string, userId: string, tx: ClientSession): Promise<boolean>;
  removeAllForUser(userId: string, tx: ClientSession): Promise<number>;
}

const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});

export function toOrganisation(doc: OrganisationDoc): Organisation {
  return {
    id: String(doc._id),
    kind: doc.kind,
    buyerType: doc.buyerType ?? undefined,
    name: doc.name,
    country: doc.country,
    orgNumber: doc.orgNumber,
    website: doc.website ?? undefined,
    status: doc.status,
    verifiedAt: doc.verifiedAt ?? undefined,
    verifiedBy: doc.verifiedBy ? String(doc.verifiedBy) : undefined,
    rejectedAt: doc.rejectedAt ?? undefined,
    rejectionReason: doc.rejectionReason ?? undefined,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toMembership(doc: MembershipDoc): Membership {
  return {
    userId: String(doc.userId),
    organisationId: String(doc.organisationId),
    role: doc.role,
    consented: doc.consentedAt != null,
    createdAt: doc.createdAt,
  };
}

export function createOrganisationsRepository(connection: Connection): OrganisationsRepository {
  const model = organisationModel(connection);
  return {
    async create(input, tx) {
      const [doc] = await model.create([input], { session: tx });
      return toOrganisation(doc!.toObject());
    },
    async findById(id, tx) {
      const doc = await model.findById(id, null, opts(tx)).lean<OrganisationDoc>();
      return doc ? toOrganisation(doc) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const docs = await model.find({ _id: mongoose.trusted({ $in: ids }) }).lean<OrganisationDoc[]>();
      return docs.map(toOrganisation);
    },
    async listByStatus(status, page, pageSize) {
      const filter = status ? { status } : {};
      const [docs, total] = await Promise.all([
        model
          .find(filter)
          .sort({ createdAt: 1, _id: 1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean<OrganisationDoc[]>(),
        model.countDocuments(filter),
      ]);
      return { items: docs.map(toOrganisation), total };
    },
    async changeStatus(id, from, change, tx) {
      const update =
        change.status === 'verified'
          ? {
              $set: { status: change.status, verifiedAt: change.at, verifiedBy: change.by },
              $unset: { rejectedAt: 1, rejectedBy: 1, rejectionReason: 1 },
            }
          : {
              $set: {
                status: change.status,
                rejectedAt: change.at,
                rejectedBy: change.by,
                rejectionReason: change.reason,
              },
              $unset: { verifiedAt: 1, verifiedBy: 1 },
            };
      const doc = await model
        .findOneAndUpdate({ _id: id, status: mongoose.trusted({ $in: from }) }, update, {
          returnDocument: 'after',
          session: tx,
        })
        .lean<OrganisationDoc>();
      return doc ? toOrganisation(doc) : null;
    },
    async touchMembers(organisationId, tx) {
      await model.updateOne({ _id: organisationId }, { $inc: { membersVersion: 1 } }, { session: tx });
    },
  };
}

export function createMembershipsRepository(connection: Connection): MembershipsRepository {
  const model = membershipModel(connection);
  const organisations = organisationModel(connection);
  return {
    async add(membership, tx) {
      const [doc] = await model.create([{ ...membership, consentedAt: new Date() }], { session: tx });
      return toMembership(doc!.toObject());
    },
    async find(organisationId, userId, tx) {
      const doc = await model.findOne({ organisationId, userId }, null, opts(tx)).lean<MembershipDoc>();
      return doc ? toMembership(doc) : null;
    },
    async listForOrganisation(organisationId, tx) {
      const docs = await model
        .find({ organisationId }, null, opts(tx))
        .sort({ createdAt: 1, _id: 1 })
        .lean<MembershipDoc[]>();
      return docs.map(toMembership);
    },
    async listForUser(userId, tx) {
      const docs = await model
        .find({ userId }, null, opts(tx))
        .sort({ createdAt: 1, _id: 1 })
        .lean<MembershipDoc[]>();
      return docs.map(toMembership);
    },
    async membershipsForUser(userId) {
      const memberships = await model.find({ userId }).lean<MembershipDoc[]>();
      if (memberships.length === 0) return [];
      const orgs = await organisations
        .find(
          { _id: mongoose.trusted({ $in: memberships.map((m) => m.organisationId) }) },
          { kind: 1, status: 1 },
        )
        .lean<Pick<OrganisationDoc, '_id' | 'kind' | 'status'>[]>();
      const byId = new Map(orgs.map((o) => [String(o._id), o]));
      return memberships.flatMap((m) => {
        const org = byId.get(String(m.organisationId));
        return org
          ? [{ organisationId: String(m.organisationId), role: m.role, kind: org.kind, status: org.status }]
          : [];
      });
    },
    async ownerIds(organisationId, tx) {
      const docs = await model
        .find({ organisationId, role: 'owner' }, { userId: 1 }, opts(tx))
        .lean<Pick<MembershipDoc, 'userId'>[]>();
      return docs.map((d) => String(d.userId));
    },
    async consentedOwnerIds(organisationId, tx) {
      const docs = await model
        .find(
          { organisationId, role: 'owner', consentedAt: mongoose.trusted({ $exists: true, $ne: null }) },
          { userId: 1 },
          opts(tx),
        )
        .lean<Pick<MembershipDoc, 'userId'>[]>();
      return docs.map((d) => String(d.userId));
    },
    async setRole(organisationId, userId, role, tx, consented) {
      const result = await model.updateOne(
        { organisationId, userId },
        { $set: { role, ...(consented ? { consentedAt: new Date() } : {}) } },
        { session: tx },
      );
      return result.matchedCount > 0;
    },
    async remove(organisationId, userId, tx) {
      const result = await model.deleteOne({ organisationId, userId }, { session: tx });
      return result.deletedCount > 0;
    },
    async removeAllForUser(userId, tx) {
      const result = await model.deleteMany({ userId }, { session: tx });
      return result.deletedCount;
    },
  };
}
