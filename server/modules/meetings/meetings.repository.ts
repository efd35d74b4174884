import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { meetingModel, type MeetingDoc, type MeetingStatus } from './meeting.model.js';
import type { Meeting, MeetingChanges, MeetingSummary, NewMeeting } from './meetings.types.js';
import { oid, trusted } from '../../platform/mongo.js';

/** The global sanitizeFilter strips operators from filters unless they are marked trusted. */
const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});
const after = (tx?: ClientSession) => ({ returnDocument: 'after' as const, ...opts(tx) });

export function toMeeting(doc: MeetingDoc): Meeting {
  const s = doc.summary;
  return {
    id: String(doc._id),
    needId: String(doc.needId),
    networkId: String(doc.networkId),
    kind: doc.kind,
    status: doc.status,
    title: doc.title,
    agenda: doc.agenda ?? '',
    format: doc.format,
    address: doc.address ?? undefined,
    onlineUrl: doc.onlineUrl ?? undefined,
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    capacity: doc.capacity,
    slots: (doc.slots ?? []).map((slot) => ({
      id: String(slot._id),
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      registrationId: slot.registrationId ? String(slot.registrationId) : undefined,
      organisationId: slot.organisationId ? String(slot.organisationId) : undefined,
    })),
    maxParticipantsPerSupplier: doc.maxParticipantsPerSupplier,
    registrationDeadline: doc.registrationDeadline,
    registrationQuestions: (doc.registrationQuestions ?? []).map((q) => ({
      id: String(q._id),
      text: q.text,
      required: q.required ?? false,
    })),
    language: doc.language,
    inviteMinScore: doc.inviteMinScore,
    sequence: doc.sequence,
    confirmedCount: doc.confirmedCount,
    waitlistSeq: doc.waitlistSeq,
    summary: s?.publishedAt
      ? {
          presented: s.presented ?? '',
          questionsAsked: s.questionsAsked ?? '',
          participantsCount: s.participantsCount ?? 0,
          changesToNeed: s.changesToNeed ?? '',
          publishedAt: s.publishedAt,
          updatedAt: s.updatedAt ?? s.publishedAt,
        }
      : undefined,
    publishedAt: doc.publishedAt ?? undefined,
    cancelledAt: doc.cancelledAt ?? undefined,
    cancelReason: doc.cancelReason ?? undefined,
    createdBy: doc.createdBy ? String(doc.createdBy) : undefined,
    createdByOrgId: doc.createdByOrgId ? String(doc.createdByOrgId) : undefined,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export interface MeetingsRepository {
  create(input: NewMeeting, tx: ClientSession): Promise<Meeting>;
  findById(id: string, tx?: ClientSession): Promise<Meeting | null>;
  findByIds(ids: string[]): Promise<Meeting[]>;
  listForNeed(needId: string, statuses: readonly MeetingStatus[]): Promise<Meeting[]>;
  /** A network's meetings that end after `since` (for its calendar feed). */
  listForNetwork(networkId: string, statuses: readonly MeetingStatus[], since: Date): Promise<Meeting[]>;
  /** Applies changes; raises `sequence` when `bumpSequence`. Null when not in one of `statuses`. */
  update(
    id: string,
    statuses: readonly MeetingStatus[],
    changes: MeetingChanges & { status?: MeetingStatus; publishedAt?: Date; slotShiftMs?: number },
    bumpSequence: boolean,
    tx: ClientSession,
  ): Promise<Meeting | null>;
  cancel(id: string, reason: string | undefined, at: Date, tx: ClientSession): Promise<Meeting | null>;
  /** Takes a seat if one is left (`confirmedCount < capacity`) on a scheduled meeting. */
  takeSeat(id: string, tx: ClientSession): Promise<Meeting | null>;
  /** Books the given (or the first) free slot of a scheduled meeting for the registration. */
  takeSlot(
    id: string,
    slotId: string | undefined,
    holder: { registrationId: string; organisationId: string },
    tx: ClientSession,
  ): Promise<Meeting | null>;
  /** The next waitlist number of a scheduled meeting, and the place on the waitlist it gives. */
  nextWaitlistNumber(id: string, tx: ClientSession): Promise<{ number: number; position: number } | null>;
  /** Frees a seat (and the slot) when nobody takes it over. */
  releaseSeat(id: string, slotId: string | undefined, tx: ClientSession): Promise<void>;
  /**
   * Someone left the waitlist: promoted into the freed place (and slot, given to `holder`), or
   * cancelled while waiting. The seat count stays.
   */
  leftWaitlist(
    id: string,
    slot: { slotId: string; registrationId: string; organisationId: string } | undefined,
    tx: ClientSession,
  ): Promise<void>;
  setSummary(
    id: string,
    summary: Omit<MeetingSummary, 'publishedAt' | 'updatedAt'>,
    publishedAt: Date,
    at: Date,
    tx: ClientSession,
  ): Promise<Meeting | null>;
}

export function createMeetingsRepository(connection: Connection): MeetingsRepository {
  const model = meetingModel(connection);
  const list = async (filter: Record<string, unknown>) =>
    (await model.find(filter).sort({ startsAt: 1, _id: 1 }).lean<MeetingDoc[]>()).map(toMeeting);
  return {
    async create(input, tx) {
      const { needId, networkId, createdBy, createdByOrgId, ...rest } = input;
      const [doc] = await model.create(
        [
          {
            ...rest,
            needId: oid(needId),
            networkId: oid(networkId),
            ...(createdBy ? { createdBy: oid(createdBy) } : {}),
            ...(createdByOrgId ? { createdByOrgId: oid(createdByOrgId) } : {}),
          },
        ],
        { session: tx },
      );
      return toMeeting(doc!.toObject() as MeetingDoc);
    },
    async findById(id, tx) {
      if (!mongoose.isValidObjectId(id)) return null;
      const doc = await model.findById(id, null, opts(tx)).lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      return list({ _id: trusted({ $in: [...new Set(ids)].map(oid) }) });
    },
    listForNeed: (needId, statuses) => list({ needId: oid(needId), status: trusted({ $in: [...statuses] }) }),
    listForNetwork: (networkId, statuses, since) =>
      list({
        networkId: oid(networkId),
        status: trusted({ $in: [...statuses] }),
        endsAt: trusted({ $gte: since }),
      }),
    async update(id, statuses, changes, bumpSequence, tx) {
      const { slotShiftMs, ...fields } = changes;
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        if (value === null || value === '') $unset[key] = 1;
        else $set[key] = value;
      }
      const filter = { _id: oid(id), status: trusted({ $in: [...statuses] }) };
      if (slotShiftMs) {
        // Slots move with the meeting, keeping who booked which.
        const current = await model.findOne(filter, { slots: 1 }, opts(tx)).lean<MeetingDoc>();
        if (!current) return null;
        $set.slots = current.slots.map((slot) => ({
          ...slot,
          startsAt: new Date(slot.startsAt.getTime() + slotShiftMs),
          endsAt: new Date(slot.endsAt.getTime() + slotShiftMs),
        }));
      }
      const update: Record<string, unknown> = { $set };
      if (Object.keys($unset).length > 0) update.$unset = $unset;
      if (bumpSequence) update.$inc = { sequence: 1 };
      const doc = await model.findOneAndUpdate(filter, update, after(tx)).lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },
    async cancel(id, reason, at, tx) {
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id), status: trusted({ $in: ['draft', 'scheduled'] }) },
          {
            $set: { status: 'cancelled', cancelledAt: at, ...(reason ? { cancelReason: reason } : {}) },
            $inc: { sequence: 1, registrationsVersion: 1 },
          },
          after(tx),
        )
        .lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },
    async takeSeat(id, tx) {
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id), status: 'scheduled', $expr: trusted({ $lt: ['$confirmedCount', '$capacity'] }) },
          { $inc: { confirmedCount: 1, registrationsVersion: 1 } },
          after(tx),
        )
        .lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },
    async takeSlot(id, slotId, holder, tx) {
      const free: Record<string, unknown> = { registrationId: null };
      if (slotId) free._id = oid(slotId);
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id), status: 'scheduled', slots: trusted({ $elemMatch: free }) },
          {
            $set: {
              'slots.$.registrationId': oid(holder.registrationId),
              'slots.$.organisationId': oid(holder.organisationId),
            },
            $inc: { confirmedCount: 1, registrationsVersion: 1 },
          },
          after(tx),
        )
        .lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },
    async nextWaitlistNumber(id, tx) {
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id), status: 'scheduled' },
          { $inc: { waitlistSeq: 1, registrationsVersion: 1 } },
          after(tx),
        )
        .lean<MeetingDoc>();
      return doc ? { number: doc.waitlistSeq, position: doc.waitlistSeq - (doc.waitlistLeft ?? 0) } : null;
    },
    async releaseSeat(id, slotId, tx) {
      const update: Record<string, unknown> = { $inc: { confirmedCount: -1, registrationsVersion: 1 } };
      if (slotId) update.$unset = { 'slots.$[slot].registrationId': 1, 'slots.$[slot].organisationId': 1 };
      await model.updateOne({ _id: oid(id) }, update, {
        session: tx,
        ...(slotId ? { arrayFilters: [{ 'slot._id': oid(slotId) }] } : {}),
      });
    },
    async leftWaitlist(id, slot, tx) {
      const update: Record<string, unknown> = { $inc: { waitlistLeft: 1, registrationsVersion: 1 } };
      if (slot) {
        update.$set = {
          'slots.$[slot].registrationId': oid(slot.registrationId),
          'slots.$[slot].organisationId': oid(slot.organisationId),
        };
      }
      await model.updateOne({ _id: oid(id) }, update, {
        session: tx,
        ...(slot ? { arrayFilters: [{ 'slot._id': oid(slot.slotId) }] } : {}),
      });
    },
    async setSummary(id, summary, publishedAt, at, tx) {
      const doc = await model
        .findOneAndUpdate(
          { _id: oid(id) },
          {
            $set: {
              'summary.presented': summary.presented,
              'summary.questionsAsked': summary.questionsAsked,
              'summary.participantsCount': summary.participantsCount,
              'summary.changesToNeed': summary.changesToNeed,
              'summary.publishedAt': publishedAt,
              'summary.updatedAt': at,
            },
          },
          after(tx),
        )
        .lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },
  };
}
