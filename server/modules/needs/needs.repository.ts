import type { ClientSession, Connection, PipelineStage } from 'mongoose';
import {
  needChangeModel,
  needModel,
  needReportModel,
  type NeedChangeDoc,
  type NeedDoc,
  type NeedReportDoc,
} from './need.model.js';
import type {
  Need,
  NeedChange,
  NeedContent,
  NeedReport,
  NeedStatus,
  NewNeed,
  Page,
  PublicNeedFilter,
  PublicNeedSort,
} from './needs.types.js';
import { toReport } from './need-reports.repository.js';
import { PUBLIC_STATUSES } from './needs.types.js';
import { oid, trusted } from '../../platform/mongo.js';

const opts = (tx?: ClientSession) => (tx ? { session: tx } : {});
/** The global sanitizeFilter strips operators from filters unless they are marked trusted. */

export function toNeed(doc: NeedDoc): Need {
  return {
    id: String(doc._id),
    networkId: String(doc.networkId),
    buyerGroupId: doc.buyerGroupId ? String(doc.buyerGroupId) : undefined,
    status: doc.status,
    hidden: doc.hidden,
    hiddenAt: doc.hiddenAt ?? undefined,
    openReports: doc.openReports,
    version: doc.version,
    title: doc.title,
    summary: doc.summary,
    description: doc.description ?? '',
    requirements: [...(doc.requirements ?? [])],
    desiredOutcomes: doc.desiredOutcomes ?? '',
    cpvCodes: [...(doc.cpvCodes ?? [])],
    cpvAll: [...(doc.cpvAll ?? [])],
    regions: [...(doc.regions ?? [])],
    regionsAll: [...(doc.regionsAll ?? [])],
    innovationType: doc.innovationType,
    stage: doc.stage,
    questionsDeadline: doc.questionsDeadline ?? undefined,
    dialoguePeriod:
      doc.dialoguePeriod?.start || doc.dialoguePeriod?.end
        ? { start: doc.dialoguePeriod.start ?? undefined, end: doc.dialoguePeriod.end ?? undefined }
        : undefined,
    plannedProcurementStart: doc.plannedProcurementStart ?? undefined,
    language: doc.language,
    contact:
      doc.contact?.name || doc.contact?.email
        ? {
            name: doc.contact.name ?? '',
            email: doc.contact.email ?? '',
            phone: doc.contact.phone ?? undefined,
          }
        : undefined,
    attachments: (doc.attachments ?? []).map((a) => ({ title: a.title, url: a.url })),
    demand: (doc.demand ?? []).map((row) => ({
      organisationId: String(row.organisationId),
      quantity:
        row.quantity?.amount !== undefined && row.quantity?.amount !== null
          ? { amount: row.quantity.amount, unit: row.quantity.unit ?? '' }
          : undefined,
      value:
        row.value?.amount !== undefined && row.value?.amount !== null
          ? { amount: row.value.amount, currency: row.value.currency ?? 'SEK' }
          : undefined,
      timeframe:
        row.timeframe?.from || row.timeframe?.to
          ? { from: row.timeframe.from ?? undefined, to: row.timeframe.to ?? undefined }
          : undefined,
    })),
    createdBy: doc.createdBy ? String(doc.createdBy) : undefined,
    createdByOrgId: doc.createdByOrgId ? String(doc.createdByOrgId) : undefined,
    submittedAt: doc.submittedAt ?? undefined,
    publishedAt: doc.publishedAt ?? undefined,
    rejection: doc.rejection?.reason
      ? {
          reason: doc.rejection.reason,
          at: doc.rejection.at ?? undefined,
          by: doc.rejection.by ? String(doc.rejection.by) : undefined,
        }
      : undefined,
    closedAt: doc.closedAt ?? undefined,
    outcome: doc.outcome?.result
      ? {
          result: doc.outcome.result,
          description: doc.outcome.description ?? '',
          results: doc.outcome.results ?? undefined,
          lessonsLearned: doc.outcome.lessonsLearned ?? undefined,
        }
      : undefined,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toChange(doc: NeedChangeDoc): NeedChange {
  return {
    id: String(doc._id),
    needId: String(doc.needId),
    organisationId: doc.organisationId ? String(doc.organisationId) : undefined,
    userId: doc.userId ? String(doc.userId) : undefined,
    version: doc.version,
    note: doc.note ?? undefined,
    fields: (doc.fields ?? []).map((f) => ({
      field: f.field,
      before: f.before as unknown,
      after: f.after as unknown,
    })),
    at: doc.createdAt,
  };
}

/** Content as stored: dates as Dates, ids as ObjectIds, `undefined` fields left out. */
function toStored(content: Partial<NeedContent>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (value === undefined) continue;
    if (key === 'buyerGroupId') out[key] = value === null ? undefined : oid(value as string);
    else if (key === 'demand')
      out[key] = (value as NeedContent['demand']).map((row) => ({
        ...row,
        organisationId: oid(row.organisationId),
      }));
    else out[key] = value;
  }
  return out;
}

/** `$set` for present fields and `$unset` for those explicitly cleared (null). */
function setAndUnset(content: Partial<Record<string, unknown>>) {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [key, value] of Object.entries(content)) {
    if (value === undefined) continue;
    if (value === null) $unset[key] = 1;
    else $set[key] = value;
  }
  return { $set, $unset };
}

export interface NeedTransition {
  status: NeedStatus;
  set?: Record<string, unknown>;
  unset?: string[];
}

export interface FacetCounts {
  stage: Record<string, number>;
  region: Record<string, number>;
  cpv: Record<string, number>;
  network: Record<string, number>;
}

export interface NeedsRepository {
  create(input: NewNeed, tx: ClientSession): Promise<Need>;
  findById(id: string, tx?: ClientSession): Promise<Need | null>;
  findByIds(ids: string[]): Promise<Need[]>;
  /** Writes content if the need is still at `version` and in one of `statuses`; null otherwise. */
  updateContent(
    id: string,
    guard: { version?: number; statuses: readonly NeedStatus[] },
    content: Partial<NeedContent> & { cpvAll?: string[]; regionsAll?: string[] },
    tx: ClientSession,
  ): Promise<Need | null>;
  /** Moves the need from one of `from` to `to.status`; null when it is in another status. */
  transition(
    id: string,
    from: readonly NeedStatus[],
    to: NeedTransition,
    tx: ClientSession,
  ): Promise<Need | null>;
  /** Bulk insert for benchmarks and seeding: no events, no validation beyond the schema. */
  insertMany(needs: NewNeed[]): Promise<number>;

  /** Submitted needs, oldest submission first (the moderation queue). */
  listSubmitted(page: number, pageSize: number): Promise<Page<Need>>;
  /** Needs with open reports: hidden ones first (longest hidden first), then the others, oldest first. */
  listReported(page: number, pageSize: number): Promise<Page<Need>>;
  /** A network's needs, most recently changed first; `publicOnly` leaves out non-public ones. */
  listForNetwork(
    networkId: string,
    filter: { statuses?: readonly NeedStatus[]; publicOnly: boolean },
    page: number,
    pageSize: number,
  ): Promise<Page<Need>>;

  /** The degraded search: public needs matching the filter, with facet counts. */
  searchPublic(
    filter: PublicNeedFilter,
    sort: PublicNeedSort,
    page: number,
    pageSize: number,
  ): Promise<Page<Need> & { facets: FacetCounts }>;
  /** Public needs among these ids (for the search index). */
  findPublicByIds(ids: string[]): Promise<Need[]>;
  publicIds(batchSize: number): AsyncIterable<string[]>;
  countPublic(): Promise<number>;
  versionOf(id: string): Promise<number | null>;

  addChange(change: Omit<NeedChange, 'id' | 'at'>, tx: ClientSession): Promise<NeedChange>;
  listChanges(needId: string, page: number, pageSize: number): Promise<Page<NeedChange>>;

  /** Adds `delta` to the open-report count and returns the need. */
  countReport(needId: string, delta: number, tx: ClientSession): Promise<Need | null>;
  /** Hides or shows the need (report moderation), optionally resetting the open-report count. */
  setHidden(
    id: string,
    hidden: boolean,
    openReports: number | undefined,
    tx: ClientSession,
  ): Promise<Need | null>;

  /** What the needs module holds about a person (GDPR export). */
  personalData(userId: string): Promise<{ needsCreated: Need[]; changes: number; reports: NeedReport[] }>;
  /** Removes the links to a person: creator, change author, reports, resolver. */
  forgetUser(userId: string, tx: ClientSession): Promise<void>;
}

export function createNeedsRepository(connection: Connection): NeedsRepository {
  const needs = needModel(connection);
  const changes = needChangeModel(connection);
  const reports = needReportModel(connection);
  const publicFilter = { status: trusted({ $in: [...PUBLIC_STATUSES] }), hidden: false };

  async function page(
    filter: Record<string, unknown>,
    sort: Record<string, 1 | -1>,
    p: number,
    size: number,
  ) {
    const [docs, total] = await Promise.all([
      needs
        .find(filter)
        .sort(sort)
        .skip((p - 1) * size)
        .limit(size)
        .lean<NeedDoc[]>(),
      needs.countDocuments(filter),
    ]);
    return { items: docs.map(toNeed), total };
  }

  return {
    async create(input, tx) {
      const [doc] = await needs.create(
        [
          {
            ...toStored(input),
            createdBy: input.createdBy,
            createdByOrgId: input.createdByOrgId,
            networkId: oid(input.networkId),
          },
        ],
        {
          session: tx,
        },
      );
      return toNeed(doc!.toObject() as NeedDoc);
    },
    async findById(id, tx) {
      const doc = await needs.findById(id, null, opts(tx)).lean<NeedDoc>();
      return doc ? toNeed(doc) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const docs = await needs.find({ _id: trusted({ $in: ids.map(oid) }) }).lean<NeedDoc[]>();
      return docs.map(toNeed);
    },
    async updateContent(id, guard, content, tx) {
      const { $set, $unset } = setAndUnset(toStored(content as Partial<NeedContent>));
      const filter: Record<string, unknown> = { _id: oid(id), status: trusted({ $in: [...guard.statuses] }) };
      if (guard.version !== undefined) filter.version = guard.version;
      const doc = await needs
        .findOneAndUpdate(
          filter,
          { $set, $unset, $inc: { version: 1 } },
          { returnDocument: 'after', session: tx },
        )
        .lean<NeedDoc>();
      return doc ? toNeed(doc) : null;
    },
    async transition(id, from, to, tx) {
      const unset = Object.fromEntries((to.unset ?? []).map((k) => [k, 1]));
      const doc = await needs
        .findOneAndUpdate(
          { _id: oid(id), status: trusted({ $in: [...from] }) },
          {
            $set: { ...to.set, status: to.status },
            ...(to.unset?.length ? { $unset: unset } : {}),
            $inc: { version: 1 },
          },
          { returnDocument: 'after', session: tx },
        )
        .lean<NeedDoc>();
      return doc ? toNeed(doc) : null;
    },
    async insertMany(input) {
      const docs = input.map((n) => ({
        ...toStored(n),
        networkId: oid(n.networkId),
        createdBy: n.createdBy,
        createdByOrgId: n.createdByOrgId,
      }));
      // Not lean: defaults (hidden, version, …) and schema validation apply as for single creates.
      const result = await needs.insertMany(docs, { ordered: false });
      return result.length;
    },

    listSubmitted: (p, size) => page({ status: 'submitted' }, { submittedAt: 1, _id: 1 }, p, size),
    listReported: (p, size) =>
      page(
        { $or: [{ hidden: true }, { openReports: trusted({ $gt: 0 }) }] },
        { hidden: -1, hiddenAt: 1, createdAt: 1, _id: 1 },
        p,
        size,
      ),
    listForNetwork(networkId, filter, p, size) {
      const statuses = filter.publicOnly
        ? (filter.statuses ?? PUBLIC_STATUSES).filter((st) => PUBLIC_STATUSES.includes(st))
        : filter.statuses;
      const query: Record<string, unknown> = { networkId: oid(networkId) };
      if (statuses) query.status = trusted({ $in: [...statuses] });
      if (filter.publicOnly) query.hidden = false;
      return page(query, { updatedAt: -1, _id: -1 }, p, size);
    },

    async searchPublic(filter, sort, p, size) {
      // An aggregation pipeline is not a query filter: sanitizeFilter does not apply here, and
      // every value in it comes from validated input.
      const match: Record<string, unknown> = { status: { $in: [...PUBLIC_STATUSES] }, hidden: false };
      if (filter.cpv?.length) match.cpvAll = { $in: filter.cpv };
      if (filter.regions?.length) match.regionsAll = { $in: filter.regions };
      if (filter.networks?.length) match.networkId = { $in: filter.networks.map(oid) };
      if (filter.stages?.length) match.stage = { $in: filter.stages };
      if (filter.innovationTypes?.length) match.innovationType = { $in: filter.innovationTypes };
      if (filter.words?.length) {
        // Every word somewhere in the text (substring, case-insensitive: finds parts of compounds).
        match.$and = filter.words.map((w) => {
          const re = new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
          return { $or: [{ title: re }, { summary: re }, { description: re }, { requirements: re }] };
        });
      }
      const sortStage: Record<string, 1 | -1> =
        sort === 'published_asc'
          ? { publishedAt: 1, _id: 1 }
          : sort === 'deadline_asc'
            ? { hasDeadline: -1, questionsDeadline: 1, publishedAt: -1, _id: -1 }
            : { publishedAt: -1, _id: -1 };
      const countBy = (field: string, unwind: boolean): PipelineStage.FacetPipelineStage[] => [
        ...(unwind ? [{ $unwind: `$${field}` } as PipelineStage.Unwind] : []),
        { $group: { _id: `$${field}`, n: { $sum: 1 } } },
      ];
      const pipeline: PipelineStage[] = [
        { $match: match },
        {
          $facet: {
            items: [
              ...(sort === 'deadline_asc'
                ? [{ $addFields: { hasDeadline: { $cond: [{ $gt: ['$questionsDeadline', null] }, 1, 0] } } }]
                : []),
              { $sort: sortStage },
              { $skip: (p - 1) * size },
              { $limit: size },
            ],
            total: [{ $count: 'n' }],
            stage: countBy('stage', false),
            region: countBy('regionsAll', true),
            cpv: [
              {
                $project: {
                  d: {
                    $setUnion: [{ $map: { input: '$cpvCodes', in: { $substrCP: ['$$this', 0, 2] } } }, []],
                  },
                },
              },
              { $unwind: '$d' },
              { $group: { _id: { $concat: ['$d', '000000'] }, n: { $sum: 1 } } },
            ],
            network: countBy('networkId', false),
          },
        },
      ];
      const [result] = await needs.aggregate<{
        items: NeedDoc[];
        total: { n: number }[];
        stage: { _id: string; n: number }[];
        region: { _id: string; n: number }[];
        cpv: { _id: string; n: number }[];
        network: { _id: unknown; n: number }[];
      }>(pipeline);
      const counts = (rows: { _id: unknown; n: number }[] = []) =>
        Object.fromEntries(rows.map((r) => [String(r._id), r.n]));
      return {
        items: (result?.items ?? []).map(toNeed),
        total: result?.total[0]?.n ?? 0,
        facets: {
          stage: counts(result?.stage),
          region: counts(result?.region),
          cpv: counts(result?.cpv),
          network: counts(result?.network),
        },
      };
    },
    async findPublicByIds(ids) {
      if (ids.length === 0) return [];
      const docs = await needs
        .find({ _id: trusted({ $in: ids.map(oid) }), ...publicFilter })
        .lean<NeedDoc[]>();
      return docs.map(toNeed);
    },
    async *publicIds(batchSize) {
      let batch: string[] = [];
      for await (const doc of needs
        .find(publicFilter, { _id: 1 })
        .sort({ _id: 1 })
        .lean()
        .cursor({ batchSize })) {
        batch.push(String(doc._id));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    countPublic: () => needs.countDocuments(publicFilter),
    async versionOf(id) {
      const doc = await needs.findById(id, { version: 1 }).lean<Pick<NeedDoc, 'version'>>();
      return doc ? doc.version : null;
    },

    async addChange(change, tx) {
      const [doc] = await changes.create(
        [
          {
            needId: oid(change.needId),
            organisationId: change.organisationId ? oid(change.organisationId) : undefined,
            userId: change.userId ? oid(change.userId) : undefined,
            version: change.version,
            note: change.note,
            fields: change.fields,
          },
        ],
        { session: tx },
      );
      return toChange(doc!.toObject() as NeedChangeDoc);
    },
    async listChanges(needId, p, size) {
      const filter = { needId: oid(needId) };
      const [docs, total] = await Promise.all([
        changes
          .find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((p - 1) * size)
          .limit(size)
          .lean<NeedChangeDoc[]>(),
        changes.countDocuments(filter),
      ]);
      return { items: docs.map(toChange), total };
    },

    async countReport(needId, delta, tx) {
      const doc = await needs
        .findOneAndUpdate(
          { _id: oid(needId) },
          { $inc: { openReports: delta } },
          { returnDocument: 'after', session: tx },
        )
        .lean<NeedDoc>();
      return doc ? toNeed(doc) : null;
    },
    async setHidden(id, hidden, openReports, tx) {
      const doc = await needs
        .findOneAndUpdate(
          { _id: oid(id) },
          {
            $set: {
              hidden,
              ...(openReports !== undefined ? { openReports } : {}),
              ...(hidden ? { hiddenAt: new Date() } : {}),
            },
            ...(hidden ? {} : { $unset: { hiddenAt: 1 } }),
            $inc: { version: 1 },
          },
          { returnDocument: 'after', session: tx },
        )
        .lean<NeedDoc>();
      return doc ? toNeed(doc) : null;
    },
    async personalData(userId) {
      const uid = oid(userId);
      const [created, changeCount, reported] = await Promise.all([
        needs.find({ createdBy: uid }).sort({ createdAt: 1 }).lean<NeedDoc[]>(),
        changes.countDocuments({ userId: uid }),
        reports.find({ userId: uid }).sort({ createdAt: 1 }).lean<NeedReportDoc[]>(),
      ]);
      return { needsCreated: created.map(toNeed), changes: changeCount, reports: reported.map(toReport) };
    },
    async forgetUser(userId, tx) {
      const uid = oid(userId);
      await needs.updateMany({ createdBy: uid }, { $unset: { createdBy: 1 } }, { session: tx });
      await needs.updateMany({ 'rejection.by': uid }, { $unset: { 'rejection.by': 1 } }, { session: tx });
      await changes.updateMany({ userId: uid }, { $unset: { userId: 1 } }, { session: tx });
      await reports.updateMany({ resolvedBy: uid }, { $unset: { resolvedBy: 1 } }, { session: tx });
      // A report is the reporter's text: it goes with the account. Open ones stop counting.
      const open = await reports
        .find({ userId: uid, status: 'open' }, { needId: 1 }, { session: tx })
        .lean<NeedReportDoc[]>();
      for (const r of open)
        await needs.updateOne({ _id: r.needId }, { $inc: { openReports: -1 } }, { session: tx });
      await reports.deleteMany({ userId: uid }, { session: tx });
    },
  };
}
