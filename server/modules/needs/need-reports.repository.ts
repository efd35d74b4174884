import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { needReportModel, type NeedReportDoc } from './need.model.js';
import type { NeedReport } from './needs.types.js';
import { oid } from '../../platform/mongo.js';

/** Reports of published needs by users, and the facts the hide rule counts. */
export interface NeedReportsRepository {
  /** Records an open report; null when this user already has an open report on the need. */
  add(
    report: { needId: string; userId: string; reason: string; organisationId?: string },
    tx: ClientSession,
  ): Promise<NeedReport | null>;
  list(needId: string, status?: NeedReport['status']): Promise<NeedReport[]>;
  /** Distinct verified organisations behind the need's open reports (what hides a need). */
  countVerifiedOrganisations(needId: string, tx: ClientSession): Promise<number>;
  resolve(needId: string, status: 'dismissed' | 'upheld', by: string, tx: ClientSession): Promise<number>;
}

export function toReport(doc: NeedReportDoc): NeedReport {
  return {
    id: String(doc._id),
    needId: String(doc.needId),
    userId: String(doc.userId),
    ...(doc.organisationId ? { organisationId: String(doc.organisationId) } : {}),
    reason: doc.reason,
    status: doc.status,
    createdAt: doc.createdAt,
    resolvedAt: doc.resolvedAt ?? undefined,
  };
}

export function createNeedReportsRepository(connection: Connection): NeedReportsRepository {
  const reports = needReportModel(connection);
  return {
    async add(report, tx) {
      // Checked first: a duplicate-key error inside a transaction would abort it. The unique
      // index still guards the race between two requests (that one fails with 11000).
      const existing = await reports
        .exists({ needId: oid(report.needId), userId: oid(report.userId), status: 'open' })
        .session(tx);
      if (existing) return null;
      const [doc] = await reports.create(
        [
          {
            needId: oid(report.needId),
            userId: oid(report.userId),
            reason: report.reason,
            ...(report.organisationId ? { organisationId: oid(report.organisationId) } : {}),
          },
        ],
        { session: tx },
      );
      return toReport(doc!.toObject() as NeedReportDoc);
    },
    async list(needId, status) {
      const docs = await reports
        .find({ needId: oid(needId), ...(status ? { status } : {}) })
        .sort({ createdAt: 1, _id: 1 })
        .lean<NeedReportDoc[]>();
      return docs.map(toReport);
    },
    async countVerifiedOrganisations(needId, tx) {
      const ids = await reports
        .distinct('organisationId', {
          needId: oid(needId),
          status: 'open',
          organisationId: mongoose.trusted({ $exists: true, $ne: null }),
        })
        .session(tx);
      return ids.length;
    },
    async resolve(needId, status, by, tx) {
      const result = await reports.updateMany(
        { needId: oid(needId), status: 'open' },
        { $set: { status, resolvedAt: new Date(), resolvedBy: oid(by) } },
        { session: tx },
      );
      return result.modifiedCount;
    },
  };
}
