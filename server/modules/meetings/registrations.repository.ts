import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { registrationModel, type RegistrationDoc, type RegistrationStatus } from './meeting.model.js';
import type { NewRegistration, Registration } from './meetings.types.js';
import { oid, trusted } from '../../platform/mongo.js';

const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});

export function toRegistration(doc: RegistrationDoc): Registration {
  return {
    id: String(doc._id),
    meetingId: String(doc.meetingId),
    needId: String(doc.needId),
    networkId: String(doc.networkId),
    organisationId: String(doc.organisationId),
    userId: String(doc.userId),
    status: doc.status,
    slotId: doc.slotId ? String(doc.slotId) : undefined,
    waitlistSeq: doc.waitlistSeq ?? undefined,
    participants: (doc.participants ?? []).map((p) => ({
      name: p.name,
      ...(p.email ? { email: p.email } : {}),
    })),
    answers: (doc.answers ?? []).map((a) => ({ questionId: String(a.questionId), text: a.text })),
    attended: doc.attended ?? undefined,
    confirmedAt: doc.confirmedAt ?? undefined,
    promotedAt: doc.promotedAt ?? undefined,
    cancelledAt: doc.cancelledAt ?? undefined,
    createdAt: doc.createdAt,
  };
}

/** True for MongoDB's duplicate-key error (a unique index refused the write). */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}

export interface RegistrationsRepository {
  insert(input: NewRegistration, tx: ClientSession): Promise<Registration>;
  findById(id: string, tx?: ClientSession): Promise<Registration | null>;
  findActive(meetingId: string, organisationId: string, tx?: ClientSession): Promise<Registration | null>;
  /** Cancels the organisation's active registration; returns it as it was before. */
  cancelActive(
    meetingId: string,
    organisationId: string,
    at: Date,
    tx: ClientSession,
  ): Promise<Registration | null>;
  /** Moves the first on the waitlist to registered (with the slot, if any); null when nobody waits. */
  promoteFirst(
    meetingId: string,
    slotId: string | undefined,
    at: Date,
    tx: ClientSession,
  ): Promise<Registration | null>;
  /** 1-based place on the waitlist of the entry with this number. */
  waitlistPosition(meetingId: string, waitlistSeq: number, tx?: ClientSession): Promise<number>;
  list(meetingId: string, statuses?: readonly RegistrationStatus[]): Promise<Registration[]>;
  /** Active registrations of these organisations at these meetings. */
  activeFor(meetingIds: string[], organisationIds: string[]): Promise<Registration[]>;
  counts(meetingId: string): Promise<{ registered: number; waitlisted: number }>;
  countsFor(meetingIds: string[]): Promise<Map<string, { registered: number; waitlisted: number }>>;
  /** Every registration of these organisations, newest first. */
  listForOrganisations(organisationIds: string[]): Promise<Registration[]>;
  setAttended(meetingId: string, id: string, attended: boolean): Promise<Registration | null>;
  listForUser(userId: string): Promise<Registration[]>;
  /** Account deletion: the registrations stay (the organisation's), the person's traces go. */
  forgetUser(userId: string, email: string, tx: ClientSession): Promise<void>;
}

export function createRegistrationsRepository(connection: Connection): RegistrationsRepository {
  const model = registrationModel(connection);
  const sortOrder = { status: 1, waitlistSeq: 1, confirmedAt: 1, createdAt: 1, _id: 1 } as const;
  return {
    async insert(input, tx) {
      const { id, meetingId, needId, networkId, organisationId, userId, slotId, answers, ...rest } = input;
      const [doc] = await model.create(
        [
          {
            ...rest,
            _id: oid(id),
            meetingId: oid(meetingId),
            needId: oid(needId),
            networkId: oid(networkId),
            organisationId: oid(organisationId),
            userId: oid(userId),
            active: true,
            ...(slotId ? { slotId: oid(slotId) } : {}),
            answers: answers.map((a) => ({ questionId: oid(a.questionId), text: a.text })),
          },
        ],
        { session: tx },
      );
      return toRegistration(doc!.toObject() as RegistrationDoc);
    },
    async findById(id, tx) {
      if (!mongoose.isValidObjectId(id)) return null;
      const doc = await model.findById(id, null, opts(tx)).lean<RegistrationDoc>();
      return doc ? toRegistration(doc) : null;
    },
    async findActive(meetingId, organisationId, tx) {
      const doc = await model
        .findOne(
          { meetingId: oid(meetingId), organisationId: oid(organisationId), active: true },
          null,
          opts(tx),
        )
        .lean<RegistrationDoc>();
      return doc ? toRegistration(doc) : null;
    },
    async cancelActive(meetingId, organisationId, at, tx) {
      const doc = await model
        .findOneAndUpdate(
          { meetingId: oid(meetingId), organisationId: oid(organisationId), active: true },
          { $set: { status: 'cancelled', active: false, cancelledAt: at } },
          { returnDocument: 'before', session: tx },
        )
        .lean<RegistrationDoc>();
      return doc ? toRegistration(doc) : null;
    },
    async promoteFirst(meetingId, slotId, at, tx) {
      const doc = await model
        .findOneAndUpdate(
          { meetingId: oid(meetingId), status: 'waitlisted', active: true },
          {
            $set: {
              status: 'registered',
              promotedAt: at,
              confirmedAt: at,
              ...(slotId ? { slotId: oid(slotId) } : {}),
            },
          },
          { sort: { waitlistSeq: 1, _id: 1 }, returnDocument: 'after', session: tx },
        )
        .lean<RegistrationDoc>();
      return doc ? toRegistration(doc) : null;
    },
    async waitlistPosition(meetingId, waitlistSeq, tx) {
      return model.countDocuments(
        { meetingId: oid(meetingId), status: 'waitlisted', waitlistSeq: trusted({ $lte: waitlistSeq }) },
        opts(tx),
      );
    },
    async list(meetingId, statuses) {
      const filter: Record<string, unknown> = { meetingId: oid(meetingId) };
      if (statuses) filter.status = trusted({ $in: [...statuses] });
      return (await model.find(filter).sort(sortOrder).lean<RegistrationDoc[]>()).map(toRegistration);
    },
    async activeFor(meetingIds, organisationIds) {
      if (meetingIds.length === 0 || organisationIds.length === 0) return [];
      const docs = await model
        .find({
          meetingId: trusted({ $in: meetingIds.map(oid) }),
          organisationId: trusted({ $in: organisationIds.map(oid) }),
          active: true,
        })
        .lean<RegistrationDoc[]>();
      return docs.map(toRegistration);
    },
    async counts(meetingId) {
      const all = await this.countsFor([meetingId]);
      return all.get(meetingId) ?? { registered: 0, waitlisted: 0 };
    },
    async countsFor(meetingIds) {
      const result = new Map<string, { registered: number; waitlisted: number }>();
      if (meetingIds.length === 0) return result;
      const rows = await model.aggregate<{
        _id: { m: mongoose.Types.ObjectId; s: RegistrationStatus };
        n: number;
      }>([
        { $match: { meetingId: { $in: meetingIds.map(oid) }, active: true } },
        { $group: { _id: { m: '$meetingId', s: '$status' }, n: { $sum: 1 } } },
      ]);
      for (const row of rows) {
        const key = String(row._id.m);
        const entry = result.get(key) ?? { registered: 0, waitlisted: 0 };
        if (row._id.s === 'registered') entry.registered = row.n;
        if (row._id.s === 'waitlisted') entry.waitlisted = row.n;
        result.set(key, entry);
      }
      return result;
    },
    async listForOrganisations(organisationIds) {
      if (organisationIds.length === 0) return [];
      const docs = await model
        .find({ organisationId: trusted({ $in: organisationIds.map(oid) }) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(500)
        .lean<RegistrationDoc[]>();
      return docs.map(toRegistration);
    },
    async setAttended(meetingId, id, attended) {
      if (!mongoose.isValidObjectId(id)) return null;
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id), meetingId: oid(meetingId) },
          { $set: { attended } },
          { returnDocument: 'after' },
        )
        .lean<RegistrationDoc>();
      return doc ? toRegistration(doc) : null;
    },
    async listForUser(userId) {
      const docs = await model
        .find({ userId: oid(userId) })
        .sort({ createdAt: -1 })
        .lean<RegistrationDoc[]>();
      return docs.map(toRegistration);
    },
    async forgetUser(userId, email, tx) {
      await model.updateMany(
        { 'participants.email': email.toLowerCase() },
        { $set: { 'participants.$[p].name': '(borttagen)' }, $unset: { 'participants.$[p].email': 1 } },
        { session: tx, arrayFilters: [{ 'p.email': email.toLowerCase() }] },
      );
      await model.updateMany(
        { userId: oid(userId) },
        { $set: { userId: oid('000000000000000000000000') } },
        { session: tx },
      );
    },
  };
}
