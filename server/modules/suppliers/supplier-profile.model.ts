import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { companySizes, employeesBands, moderationStates, offeringTypes } from './suppliers.schemas.js';

/**
 * What moderation reviews: every field that others read as a claim or that drives matching.
 * `current` is the latest version the supplier saved; `approved` the last version an admin
 * approved, which is what everyone else sees (so an approved profile stays visible, unchanged,
 * while an edit of it waits for review).
 */
const contentSchema = new Schema(
  {
    name: { type: String, required: true },
    pitch: { type: String, required: true },
    description: { type: String, default: '' },
    offerings: [
      new Schema(
        { type: { type: String, enum: offeringTypes, required: true }, name: String, description: String },
        { _id: false },
      ),
    ],
    cpvCodes: [String],
    /** cpvCodes with every ancestor: a filter on 48000000 finds 48200000. */
    cpvAll: [String],
    regions: [String],
    /** regions with every ancestor (regionsWithAncestors). */
    regionsAll: [String],
    website: String,
    logoUrl: String,
    references: [new Schema({ buyerName: String, year: Number, text: String }, { _id: false })],
    certifications: [String],
    keywords: [String],
  },
  { _id: false },
);

const contactSchema = new Schema(
  {
    name: { type: String, required: true },
    role: String,
    email: { type: String, required: true },
    phone: String,
    /** GDPR: when and how the person's consent to be shown to verified buyers was recorded. */
    consentAt: { type: Date, required: true },
    consentBy: Schema.Types.ObjectId,
    consentSource: { type: String, enum: ['profile', 'import'], required: true },
  },
  { _id: false },
);

/**
 * A supplier organisation's profile. Its `_id` is the organisation's id: one profile per
 * organisation by construction, and the same id in every URL.
 */
const supplierProfileSchema = new Schema(
  {
    country: { type: String, enum: ['SE', 'NO'], required: true },
    orgNumber: { type: String, required: true },
    status: { type: String, enum: moderationStates, required: true },
    /**
     * True when others may see the profile: an approved version exists, it is not suspended and
     * not hidden by reports.
     */
    listed: { type: Boolean, required: true, default: false },
    /** Hidden from others because buyers reported it (see REPORT_THRESHOLD), until an admin decides. */
    hidden: { type: Boolean, default: false },
    /**
     * The version the supplier sees and edits. Not stored while it equals `approved` (the import
     * writes approved profiles so, 2026-11-21: a second copy of every text cost the import about
     * a quarter of its own CPU); the repository reads it back as `approved` then. Always stored
     * while a change waits for review or when nothing is approved yet.
     */
    current: { type: contentSchema, required: false },
    approved: { type: contentSchema, default: null },
    // Not reviewed (facts that are not free text or that only the supplier can vouch for).
    companySize: { type: String, enum: companySizes, required: true },
    foundedYear: Number,
    employeesBand: { type: String, enum: employeesBands },
    languages: [String],
    publicProfile: { type: Boolean, default: false },
    contacts: [contactSchema],
    /** Bumped by every change; the search index sync uses it to detect concurrent changes. */
    version: { type: Number, required: true, default: 1 },
    source: { type: String, enum: ['api', 'import'], required: true },
    /** Hash of the last imported row, so re-importing an unchanged row writes nothing. */
    importHash: String,
    submittedAt: Date,
    approvedAt: Date,
    approvedBy: Schema.Types.ObjectId,
    rejectedAt: Date,
    rejectedBy: Schema.Types.ObjectId,
    rejectionReason: String,
    suspendedAt: Date,
    suspendedBy: Schema.Types.ObjectId,
    suspensionReason: String,
  },
  { timestamps: true, minimize: false, collection: 'supplier_profiles' },
);
// The admin queue: oldest submission first within a state.
supplierProfileSchema.index({ status: 1, submittedAt: 1, _id: 1 });
// No index for the degraded search (MongoDB when Meilisearch is down): it scans the listed
// profiles, as a text query has to anyway (no text index: it cost a third of the import's write
// time). Multikey indexes on the CPV and region ancestors (~20 keys a profile) would spare a
// CPV- or region-only query that scan, but cost a third of MongoDB's CPU in a bulk import
// (measured 2026-11-21, README "Supplier import"); the rare degraded answer does without them.

export interface ProfileContent {
  name: string;
  pitch: string;
  description: string;
  offerings: { type: (typeof offeringTypes)[number]; name: string; description?: string }[];
  cpvCodes: string[];
  cpvAll: string[];
  regions: string[];
  regionsAll: string[];
  website?: string;
  logoUrl?: string;
  references: { buyerName: string; year: number; text?: string }[];
  certifications: string[];
  keywords: string[];
}

export interface StoredContact {
  name: string;
  role?: string;
  email: string;
  phone?: string;
  consentAt: Date;
  consentBy?: Types.ObjectId;
  consentSource: 'profile' | 'import';
}

export interface SupplierProfileDoc {
  _id: Types.ObjectId;
  country: 'SE' | 'NO';
  orgNumber: string;
  status: (typeof moderationStates)[number];
  listed: boolean;
  hidden?: boolean;
  /** As read through the repository: the stored `current`, or `approved` when none is stored. */
  current: ProfileContent;
  approved: ProfileContent | null;
  companySize: (typeof companySizes)[number];
  foundedYear?: number;
  employeesBand?: (typeof employeesBands)[number];
  languages: string[];
  publicProfile: boolean;
  contacts: StoredContact[];
  version: number;
  source: 'api' | 'import';
  importHash?: string;
  submittedAt?: Date;
  approvedAt?: Date;
  approvedBy?: Types.ObjectId;
  rejectedAt?: Date;
  rejectedBy?: Types.ObjectId;
  rejectionReason?: string;
  suspendedAt?: Date;
  suspendedBy?: Types.ObjectId;
  suspensionReason?: string;
  createdAt: Date;
  updatedAt: Date;
}

export function supplierProfileModel(connection: Connection): Model<SupplierProfileDoc> {
  return (
    (connection.models.SupplierProfile as Model<SupplierProfileDoc> | undefined) ??
    connection.model<SupplierProfileDoc>('SupplierProfile', supplierProfileSchema)
  );
}

/** A buyer's report about a profile (wrong facts, inappropriate content); handled by admins. */
const supplierReportSchema = new Schema(
  {
    profileId: { type: Schema.Types.ObjectId, required: true },
    reporterId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, required: true },
    status: { type: String, enum: ['open', 'dismissed', 'upheld'], default: 'open', required: true },
    resolvedAt: Date,
    resolvedBy: Schema.Types.ObjectId,
  },
  { timestamps: true, collection: 'supplier_reports' },
);
// One open report per person and profile.
supplierReportSchema.index(
  { profileId: 1, reporterId: 1 },
  { unique: true, partialFilterExpression: { status: 'open' } },
);
supplierReportSchema.index({ profileId: 1, status: 1 });
supplierReportSchema.index({ reporterId: 1 });

export interface SupplierReportDoc {
  _id: Types.ObjectId;
  profileId: Types.ObjectId;
  reporterId: Types.ObjectId;
  reason: string;
  status: 'open' | 'dismissed' | 'upheld';
  resolvedAt?: Date;
  resolvedBy?: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export function supplierReportModel(connection: Connection): Model<SupplierReportDoc> {
  return (
    (connection.models.SupplierReport as Model<SupplierReportDoc> | undefined) ??
    connection.model<SupplierReportDoc>('SupplierReport', supplierReportSchema)
  );
}
