import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { matchModel, matchRunModel, type MatchDoc } from './match.model.js';
import type { MatchScore } from './scoring.js';
import { oid } from '../../platform/mongo.js';

export interface Match {
  id: string;
  needId: string;
  supplierId: string;
  networkId: string;
  score: number;
  parts: MatchScore['parts'];
  weights: MatchScore['weights'];
  explanation: MatchScore['explanation'];
  buyerExplanation: MatchScore['explanation'];
  supplierName?: string;
  regions: string[];
  size?: string;
  needOpen: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface MatchRow extends MatchScore {
  supplierId: string;
  supplierName?: string;
  regions: string[];
  size?: string;
}

export interface MatchListFilter {
  minScore?: number;
  regions?: string[];
  sizes?: string[];
}

export interface MatchesRepository {
  /** Upserts the need's matches and removes those of suppliers no longer in `rows`. */
  replaceForNeed(
    need: { id: string; networkId: string; open: boolean },
    rows: MatchRow[],
  ): Promise<{ upserted: number; removed: number }>;
  /** Upserts one supplier's matches for these open needs and removes its other open-need matches. */
  replaceForSupplier(
    supplierId: string,
    rows: (MatchRow & { needId: string; networkId: string })[],
    openNeedIds: string[],
  ): Promise<{ upserted: number; removed: number }>;
  removeForSupplier(supplierId: string): Promise<number>;
  /** The open needs a supplier has a match for (so a re-match can drop those that no longer fit). */
  openNeedIdsOf(supplierId: string): Promise<string[]>;
  listForNeed(
    needId: string,
    filter: MatchListFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: Match[]; total: number }>;
  listForSupplier(
    supplierIds: string[],
    page: number,
    pageSize: number,
    openOnly: boolean,
  ): Promise<{ items: Match[]; total: number }>;
  setNeedOpen(needId: string, open: boolean): Promise<void>;
  /** A lease on matching one need; false when another run holds it. */
  lock(needId: string, ms: number): Promise<string | null>;
  unlock(
    needId: string,
    token: string,
    run: { needVersion: number; candidates: number; ms: number },
  ): Promise<void>;
}

const BULK = 1_000;

function toMatch(doc: MatchDoc): Match {
  return {
    id: String(doc._id),
    needId: String(doc.needId),
    supplierId: String(doc.supplierId),
    networkId: String(doc.networkId),
    score: doc.score,
    parts: doc.parts,
    weights: doc.weights,
    explanation: doc.explanation,
    buyerExplanation: doc.buyerExplanation ?? doc.explanation,
    supplierName: doc.supplierName ?? undefined,
    regions: doc.regions ?? [],
    size: doc.size ?? undefined,
    needOpen: doc.needOpen,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function upsert(needId: string, networkId: string, open: boolean, row: MatchRow) {
  return {
    updateOne: {
      filter: { needId: oid(needId), supplierId: oid(row.supplierId) },
      update: {
        $set: {
          networkId: oid(networkId),
          score: row.score,
          parts: row.parts,
          weights: row.weights,
          explanation: row.explanation,
          buyerExplanation: row.buyerExplanation,
          supplierName: row.supplierName,
          regions: row.regions,
          size: row.size,
          needOpen: open,
          updatedAt: new Date(),
        },
        $setOnInsert: { createdAt: new Date() },
      },
      upsert: true,
    },
  };
}

export function createMatchesRepository(connection: Connection): MatchesRepository {
  const model = matchModel(connection);
  const runs = matchRunModel(connection);
  return {
    async replaceForNeed(need, rows) {
      // The native collection: these filters are built here from trusted values.
      const collection = model.collection;
      // Batches in parallel: they touch disjoint rows.
      const batches: MatchRow[][] = [];
      for (let i = 0; i < rows.length; i += BULK) batches.push(rows.slice(i, i + BULK));
      const results = await Promise.all(
        batches.map((batch) =>
          collection.bulkWrite(
            batch.map((r) => upsert(need.id, need.networkId, need.open, r)),
            { ordered: false },
          ),
        ),
      );
      const upserted = results.reduce((n, r) => n + r.upsertedCount, 0);
      const keep = rows.map((r) => oid(r.supplierId));
      const removed = await collection.deleteMany({ needId: oid(need.id), supplierId: { $nin: keep } });
      return { upserted, removed: removed.deletedCount };
    },
    async replaceForSupplier(supplierId, rows, openNeedIds) {
      const collection = model.collection;
      let upserted = 0;
      for (let i = 0; i < rows.length; i += BULK) {
        const ops = rows.slice(i, i + BULK).map((r) => upsert(r.needId, r.networkId, true, r));
        const res = await collection.bulkWrite(ops, { ordered: false });
        upserted += res.upsertedCount;
      }
      const keep = rows.map((r) => oid(r.needId));
      const removed = await collection.deleteMany({
        supplierId: oid(supplierId),
        needId: { $in: openNeedIds.map(oid), $nin: keep },
      });
      return { upserted, removed: removed.deletedCount };
    },
    async removeForSupplier(supplierId) {
      const res = await model.collection.deleteMany({ supplierId: oid(supplierId), needOpen: true });
      return res.deletedCount;
    },
    async openNeedIdsOf(supplierId) {
      const rows = await model.collection
        .find({ supplierId: oid(supplierId), needOpen: true }, { projection: { needId: 1 } })
        .toArray();
      return rows.map((r) => String(r.needId));
    },
    async listForNeed(needId, filter, page, pageSize) {
      const query: Record<string, unknown> = { needId: oid(needId) };
      if (filter.minScore !== undefined) query.score = { $gte: filter.minScore };
      if (filter.regions?.length) query.regions = { $in: filter.regions };
      if (filter.sizes?.length) query.size = { $in: filter.sizes };
      const [docs, total] = await Promise.all([
        model.collection
          .find(query)
          .sort({ score: -1, _id: 1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        model.collection.countDocuments(query),
      ]);
      return { items: (docs as unknown as MatchDoc[]).map(toMatch), total };
    },
    async listForSupplier(supplierIds, page, pageSize, openOnly) {
      const query: Record<string, unknown> = { supplierId: { $in: supplierIds.map(oid) } };
      if (openOnly) query.needOpen = true;
      const [docs, total] = await Promise.all([
        model.collection
          .find(query)
          .sort({ score: -1, _id: 1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        model.collection.countDocuments(query),
      ]);
      return { items: (docs as unknown as MatchDoc[]).map(toMatch), total };
    },
    async setNeedOpen(needId, open) {
      await model.collection.updateMany({ needId: oid(needId) }, { $set: { needOpen: open } });
    },
    async lock(needId, ms) {
      const token = randomUUID();
      const now = new Date();
      try {
        const res = await runs.collection.findOneAndUpdate(
          { _id: oid(needId), $or: [{ lockedUntil: { $exists: false } }, { lockedUntil: { $lt: now } }] },
          { $set: { lockedBy: token, lockedUntil: new Date(now.getTime() + ms) } },
          { upsert: true, returnDocument: 'after' },
        );
        return res?.lockedBy === token ? token : null;
      } catch (err) {
        // The upsert raced with an existing (locked) row: someone else holds the lease.
        if ((err as { code?: number }).code === 11000) return null;
        throw err;
      }
    },
    async unlock(needId, token, run) {
      await runs.collection.updateOne(
        { _id: oid(needId), lockedBy: token },
        { $set: { ...run, ranAt: new Date() }, $unset: { lockedBy: 1, lockedUntil: 1 } },
      );
    },
  };
}
