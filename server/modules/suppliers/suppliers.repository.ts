import mongoose, { type ClientSession, type Connection, type PipelineStage, type Types } from 'mongoose';
import { membershipModel } from '../organisations/membership.model.js';
import { organisationModel } from '../organisations/organisation.model.js';
import {
  supplierProfileModel,
  supplierReportModel,
  type ProfileContent,
  type SupplierProfileDoc,
  type SupplierReportDoc,
} from './supplier-profile.model.js';
import type { ModerationState } from './suppliers.schemas.js';
import { oid } from '../../platform/mongo.js';

export type NewProfile = Omit<SupplierProfileDoc, 'createdAt' | 'updatedAt' | 'version'>;
export type ProfileChanges = Partial<Omit<SupplierProfileDoc, '_id' | 'createdAt' | 'updatedAt' | 'version'>>;

/** The approved content's fields a search document holds (see suppliers-search.ts, toSearchDoc). */
const LISTED_CONTENT = [
  'name',
  'pitch',
  'description',
  'offerings',
  'keywords',
  'cpvCodes',
  'cpvAll',
  'regions',
  'regionsAll',
  'certifications',
  'logoUrl',
] as const satisfies readonly (keyof ProfileContent)[];

const LISTED_PROJECTION = {
  listed: 1,
  companySize: 1,
  languages: 1,
  publicProfile: 1,
  approvedAt: 1,
  ...Object.fromEntries(
    LISTED_CONTENT.map((f) => [f === 'offerings' ? 'approved.offerings.name' : `approved.${f}`, 1]),
  ),
};

export type ListedProfile = Pick<
  SupplierProfileDoc,
  '_id' | 'listed' | 'companySize' | 'languages' | 'publicProfile' | 'approvedAt'
> & {
  approved:
    | (Omit<Pick<ProfileContent, (typeof LISTED_CONTENT)[number]>, 'offerings'> & {
        offerings: { name: string }[];
      })
    | null;
};

/** The filters of a search, already validated and expanded (region → its ancestors). */
export interface FallbackFilter {
  text: string;
  publicOnly: boolean;
  cpv?: string[];
  /** Suppliers serving one of these regions or a region below them… */
  regions?: string[];
  /** …or serving one of these (regions containing the asked ones). */
  regionAncestors?: string[];
  sizes?: string[];
  certifications?: string[];
  languages?: string[];
}

export interface FallbackResult {
  items: SupplierProfileDoc[];
  total: number;
  facets: Record<
    'cpvDivisions' | 'regions' | 'size' | 'certifications' | 'languages',
    Record<string, number>
  >;
}

export interface SuppliersRepository {
  findById(id: string, tx?: ClientSession): Promise<SupplierProfileDoc | null>;
  insert(profile: NewProfile, tx: ClientSession): Promise<SupplierProfileDoc>;
  /** Applies the changes, bumps `version`; `unset` clears fields. Returns the new state. */
  update(
    id: string,
    changes: ProfileChanges,
    tx: ClientSession,
    unset?: string[],
  ): Promise<SupplierProfileDoc | null>;
  delete(id: string, tx: ClientSession): Promise<boolean>;
  /** Oldest submission first. `reported` lists profiles with open reports, whatever their state. */
  listForModeration(
    filter: { status?: ModerationState; ids?: string[] },
    page: number,
    pageSize: number,
  ): Promise<{ items: SupplierProfileDoc[]; total: number }>;
  /**
   * Listed profiles among `ids` (what the search index holds), as much of them as search
   * documents and match candidates are built from: a sync reads thousands.
   */
  findListed(ids: string[]): Promise<ListedProfile[]>;
  versions(ids: string[]): Promise<Map<string, number>>;
  listedIds(batchSize: number): AsyncIterable<string[]>;
  countListed(): Promise<number>;
  fallbackSearch(filter: FallbackFilter, page: number, pageSize: number): Promise<FallbackResult>;

  /** Null when this person already has an open report about the profile. */
  addReport(
    report: Pick<SupplierReportDoc, 'profileId' | 'reporterId' | 'reason'>,
    tx: ClientSession,
  ): Promise<SupplierReportDoc | null>;
  countOpenReports(profileId: string, tx: ClientSession): Promise<number>;
  openReportCounts(ids: string[]): Promise<Map<string, number>>;
  idsWithOpenReports(): Promise<string[]>;
  resolveReports(
    profileId: string,
    outcome: 'dismissed' | 'upheld',
    by: Types.ObjectId,
    tx: ClientSession,
  ): Promise<number>;
  reportsAbout(profileId: string): Promise<SupplierReportDoc[]>;
  deleteReportsAbout(profileId: string, tx: ClientSession): Promise<void>;
  /**
   * Deletes an organisation document and its memberships (the organisations module has no
   * deletion yet; supplier organisations are deleted through this feature's data rights).
   */
  deleteOrganisationRecords(organisationId: string, tx: ClientSession): Promise<void>;
}

/** A stored profile with `current` filled in: not stored while it equals `approved` (see the model). */
function withCurrent<T extends SupplierProfileDoc | null>(doc: T): T {
  if (!doc || doc.current) return doc;
  if (!doc.approved)
    throw new Error(`supplier profile ${String(doc._id)} has neither a current nor an approved version`);
  return { ...doc, current: doc.approved };
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TEXT_FIELDS = [
  'approved.name',
  'approved.pitch',
  'approved.description',
  'approved.offerings.name',
  'approved.keywords',
];

export function createSuppliersRepository(connection: Connection): SuppliersRepository {
  const profiles = supplierProfileModel(connection);
  const reports = supplierReportModel(connection);

  return {
    async findById(id, tx) {
      return withCurrent(
        await profiles.findById(id, null, tx ? { session: tx } : {}).lean<SupplierProfileDoc>(),
      );
    },
    async insert(profile, tx) {
      const [doc] = await profiles.create([{ ...profile, version: 1 }], { session: tx });
      return doc!.toObject<SupplierProfileDoc>();
    },
    async update(id, changes, tx, unset = []) {
      const doc = await profiles
        .findOneAndUpdate(
          { _id: id },
          {
            $set: changes,
            $inc: { version: 1 },
            ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((f) => [f, 1])) } : {}),
          },
          { returnDocument: 'after', session: tx },
        )
        .lean<SupplierProfileDoc>();
      return withCurrent(doc);
    },
    async delete(id, tx) {
      const result = await profiles.deleteOne({ _id: id }, { session: tx });
      return result.deletedCount > 0;
    },
    async listForModeration(filter, page, pageSize) {
      const query = {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.ids ? { _id: mongoose.trusted({ $in: filter.ids.map(oid) }) } : {}),
      };
      const [items, total] = await Promise.all([
        profiles
          .find(query)
          .sort({ submittedAt: 1, _id: 1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean<SupplierProfileDoc[]>(),
        profiles.countDocuments(query),
      ]);
      return { items: items.map(withCurrent), total };
    },
    async findListed(ids) {
      if (ids.length === 0) return [];
      return profiles
        .find({ _id: mongoose.trusted({ $in: ids.map(oid) }), listed: true })
        .select(LISTED_PROJECTION)
        .lean<ListedProfile[]>();
    },
    async versions(ids) {
      const rows = await profiles
        .find({ _id: mongoose.trusted({ $in: ids.map(oid) }) }, { version: 1 })
        .lean<{ _id: Types.ObjectId; version: number }[]>();
      return new Map(rows.map((r) => [String(r._id), r.version]));
    },
    async *listedIds(batchSize) {
      let batch: string[] = [];
      for await (const row of profiles.find({ listed: true }, { _id: 1 }).sort({ _id: 1 }).lean().cursor()) {
        batch.push(String(row._id));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    countListed: () => profiles.countDocuments({ listed: true }),

    async fallbackSearch(f, page, pageSize) {
      const match: Record<string, unknown> = { listed: true };
      const words = f.text
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 1)
        .slice(0, 8);
      if (words.length > 0) {
        // Every word somewhere in the texts (no typos, no ranking: this is the degraded answer).
        match.$and = words.map((w) => {
          const re = new RegExp(escapeRegExp(w), 'i');
          return { $or: TEXT_FIELDS.map((field) => ({ [field]: re })) };
        });
      }
      if (f.publicOnly) match.publicProfile = true;
      if (f.cpv?.length) match['approved.cpvAll'] = { $in: f.cpv };
      if (f.regions?.length) {
        match.$or = [
          { 'approved.regionsAll': { $in: f.regions } },
          { 'approved.regions': { $in: f.regionAncestors ?? [] } },
        ];
      }
      if (f.sizes?.length) match.companySize = { $in: f.sizes };
      if (f.certifications?.length) match['approved.certifications'] = { $in: f.certifications };
      if (f.languages?.length) match.languages = { $in: f.languages };
      // Name matches first, then the newest approvals.
      const nameRe = words.length > 0 ? new RegExp(words.map(escapeRegExp).join('|'), 'i') : null;
      const count = (field: string, unwind = true): PipelineStage.FacetPipelineStage[] => [
        ...(unwind ? [{ $unwind: `$${field}` }] : []),
        { $group: { _id: `$${field}`, n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
        { $limit: 100 },
      ];
      const [result] = await profiles.aggregate<{
        items: SupplierProfileDoc[];
        total: { n: number }[];
        cpvDivisions: { _id: string; n: number }[];
        regions: { _id: string; n: number }[];
        size: { _id: string; n: number }[];
        certifications: { _id: string; n: number }[];
        languages: { _id: string; n: number }[];
      }>([
        { $match: match },
        {
          $facet: {
            items: [
              ...(nameRe
                ? [{ $addFields: { nameHit: { $regexMatch: { input: '$approved.name', regex: nameRe } } } }]
                : []),
              { $sort: nameRe ? { nameHit: -1, approvedAt: -1, _id: 1 } : { approvedAt: -1, _id: 1 } },
              { $skip: (page - 1) * pageSize },
              { $limit: pageSize },
              { $project: { current: 0, contacts: 0, nameHit: 0 } },
            ],
            total: [{ $count: 'n' }],
            cpvDivisions: [
              {
                $project: {
                  d: {
                    $filter: {
                      input: '$approved.cpvAll',
                      cond: { $regexMatch: { input: '$$this', regex: /^\d\d0{6}$/ } },
                    },
                  },
                },
              },
              ...count('d'),
            ],
            regions: count('approved.regions'),
            size: count('companySize', false),
            certifications: count('approved.certifications'),
            languages: count('languages'),
          },
        },
      ]);
      const toRecord = (rows: { _id: string; n: number }[] = []) =>
        Object.fromEntries(rows.map((r) => [r._id, r.n]));
      return {
        items: result?.items ?? [],
        total: result?.total[0]?.n ?? 0,
        facets: {
          cpvDivisions: toRecord(result?.cpvDivisions),
          regions: toRecord(result?.regions),
          size: toRecord(result?.size),
          certifications: toRecord(result?.certifications),
          languages: toRecord(result?.languages),
        },
      };
    },

    async addReport(report, tx) {
      const existing = await reports
        .findOne({ profileId: report.profileId, reporterId: report.reporterId, status: 'open' }, null, {
          session: tx,
        })
        .lean<SupplierReportDoc>();
      if (existing) return null;
      const [doc] = await reports.create([report], { session: tx });
      return doc!.toObject<SupplierReportDoc>();
    },
    async countOpenReports(profileId, tx) {
      return reports.countDocuments({ profileId, status: 'open' }, { session: tx });
    },
    async openReportCounts(ids) {
      if (ids.length === 0) return new Map();
      const rows = await reports.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { profileId: { $in: ids.map(oid) }, status: 'open' } },
        { $group: { _id: '$profileId', n: { $sum: 1 } } },
      ]);
      return new Map(rows.map((r) => [String(r._id), r.n]));
    },
    async idsWithOpenReports() {
      const ids = await reports.distinct('profileId', { status: 'open' });
      return ids.map(String);
    },
    async resolveReports(profileId, outcome, by, tx) {
      const result = await reports.updateMany(
        { profileId, status: 'open' },
        { $set: { status: outcome, resolvedAt: new Date(), resolvedBy: by } },
        { session: tx },
      );
      return result.modifiedCount;
    },
    async reportsAbout(profileId) {
      return reports.find({ profileId }).sort({ createdAt: 1 }).lean<SupplierReportDoc[]>();
    },
    async deleteReportsAbout(profileId, tx) {
      await reports.deleteMany({ profileId }, { session: tx });
    },
    async deleteOrganisationRecords(organisationId, tx) {
      await membershipModel(connection).deleteMany({ organisationId }, { session: tx });
      await organisationModel(connection).deleteOne({ _id: organisationId }, { session: tx });
    },
  };
}
