import mongoose, { type Connection } from 'mongoose';
import type { JsonObject } from './ocds.merge.js';
import { ocdsReleaseModel, type OcdsReleaseDoc } from './ocds-release.model.js';

export interface StoredRelease {
  needId: string;
  ocid: string;
  seq: number;
  releaseId: string;
  date: Date;
  release: JsonObject;
  state: JsonObject;
}

export interface OcdsRepository {
  /** The latest release of a need (served or withheld), or null before its first. */
  latest(needId: string): Promise<StoredRelease | null>;
  /** Appends; false when another writer appended this `seq` first (re-read and retry). */
  append(release: StoredRelease): Promise<boolean>;
  /** Every release of a need, oldest first (withheld ones too: the caller checks visibility). */
  forNeed(needId: string): Promise<StoredRelease[]>;
  /** Served releases dated at or after `since`, oldest first, one page: their JSON text and date. */
  page(since: Date | undefined, skip: number, limit: number): Promise<{ json: string; date: Date }[]>;
  /** Every served release in date order as JSON text, in batches (the dump). */
  all(batchSize: number): AsyncIterable<string[]>;
  setWithheld(needId: string, withheld: boolean): Promise<void>;
  /** The date of each need's newest release (its last public change). */
  lastDates(needIds: string[]): Promise<Map<string, Date>>;
  /** Ids of needs that have releases (reconciliation after a bulk import). */
  needIds(): Promise<string[]>;
}

const oid = (id: string) => new mongoose.Types.ObjectId(id);

function toStored(doc: OcdsReleaseDoc): StoredRelease {
  return {
    needId: String(doc.needId),
    ocid: doc.ocid,
    seq: doc.seq,
    releaseId: doc.releaseId,
    date: doc.date,
    release: JSON.parse(doc.json) as JsonObject,
    state: doc.state as JsonObject,
  };
}

export function createOcdsRepository(connection: Connection): OcdsRepository {
  const model = ocdsReleaseModel(connection);
  return {
    async latest(needId) {
      const doc = await model
        .findOne({ needId: oid(needId) })
        .sort({ seq: -1 })
        .lean<OcdsReleaseDoc>();
      return doc ? toStored(doc) : null;
    },
    async append(release) {
      try {
        const { release: body, ...rest } = release;
        await model.create({ ...rest, json: JSON.stringify(body), needId: oid(release.needId) });
        return true;
      } catch (err) {
        if ((err as { code?: unknown }).code === 11000) return false;
        throw err;
      }
    },
    async forNeed(needId) {
      const docs = await model
        .find({ needId: oid(needId) })
        .sort({ seq: 1 })
        .lean<OcdsReleaseDoc[]>();
      return docs.map(toStored);
    },
    async page(since, skip, limit) {
      const filter: Record<string, unknown> = { withheld: false };
      // The connection sanitises filters (sanitizeFilter): operators we build ourselves are trusted.
      if (since) filter.date = mongoose.trusted({ $gte: since });
      return model
        .find(filter, { _id: 0, json: 1, date: 1 })
        .sort({ date: 1, _id: 1 })
        .skip(skip)
        .limit(limit)
        .lean<{ json: string; date: Date }[]>();
    },
    async *all(batchSize) {
      let batch: string[] = [];
      const cursor = model
        .find({ withheld: false }, { _id: 0, json: 1 })
        .sort({ date: 1, _id: 1 })
        .lean<{ json: string }[]>()
        .cursor({ batchSize });
      for await (const doc of cursor) {
        batch.push((doc as { json: string }).json);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async setWithheld(needId, withheld) {
      await model.updateMany({ needId: oid(needId), withheld: !withheld }, { $set: { withheld } });
    },
    async lastDates(needIds) {
      if (needIds.length === 0) return new Map();
      const rows = await model.aggregate<{ _id: mongoose.Types.ObjectId; date: Date }>([
        { $match: { needId: { $in: needIds.map(oid) } } },
        { $group: { _id: '$needId', date: { $max: '$date' } } },
      ]);
      return new Map(rows.map((r) => [String(r._id), r.date]));
    },
    async needIds() {
      return (await model.distinct('needId')).map(String);
    },
  };
}
