import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const needStatuses = ['draft', 'submitted', 'published', 'rejected', 'closed'] as const;
export const needStages = [
  'need_analysis',
  'market_dialogue',
  'rfi',
  'procurement',
  'awarded',
  'closed',
] as const;
export const innovationTypes = [
  'research_development',
  'new_product',
  'new_service',
  'new_process',
  'none',
] as const;
export const needLanguages = ['sv', 'en'] as const;
export const currencies = ['SEK', 'NOK', 'DKK', 'EUR', 'ISK'] as const;
export const outcomeResults = ['procured', 'not_procured'] as const;

const demandRowSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    quantity: { amount: { type: Number }, unit: { type: String } },
    value: { amount: { type: Number }, currency: { type: String, enum: currencies } },
    timeframe: { from: { type: Date }, to: { type: Date } },
  },
  { _id: false },
);

/**
 * A need (behov) published by a buyer network, optionally for one of its buyer groups.
 * `cpvAll`/`regionsAll` hold the codes with all their ancestors, so that a filter on a broad
 * code (48000000, SE) also finds needs coded below it — in MongoDB (degraded search) as in
 * Meilisearch. `version` grows with every write; search sync uses it to converge.
 */
const needSchema = new Schema(
  {
    networkId: { type: Schema.Types.ObjectId, required: true },
    buyerGroupId: { type: Schema.Types.ObjectId },
    status: { type: String, enum: needStatuses, required: true, default: 'draft' },
    /** Hidden pending review because enough users reported it; not public while true. */
    hidden: { type: Boolean, required: true, default: false },
    hiddenAt: { type: Date },
    openReports: { type: Number, required: true, default: 0 },
    version: { type: Number, required: true, default: 1 },

    title: { type: String, required: true },
    summary: { type: String, default: '' },
    description: { type: String, default: '' },
    requirements: { type: [String], default: [] },
    desiredOutcomes: { type: String, default: '' },
    cpvCodes: { type: [String], default: [] },
    cpvAll: { type: [String], default: [] },
    regions: { type: [String], default: [] },
    regionsAll: { type: [String], default: [] },
    innovationType: { type: String, enum: innovationTypes, required: true, default: 'none' },
    stage: { type: String, enum: needStages, required: true, default: 'need_analysis' },
    questionsDeadline: { type: Date },
    dialoguePeriod: { start: { type: Date }, end: { type: Date } },
    plannedProcurementStart: { type: Date },
    language: { type: String, enum: needLanguages, required: true, default: 'sv' },
    /** The public contact point; personal data (name, email, phone). */
    contact: { name: { type: String }, email: { type: String }, phone: { type: String } },
    attachments: {
      type: [
        new Schema(
          { title: { type: String, required: true }, url: { type: String, required: true } },
          { _id: false },
        ),
      ],
      default: [],
    },
    demand: { type: [demandRowSchema], default: [] },

    createdBy: { type: Schema.Types.ObjectId },
    createdByOrgId: { type: Schema.Types.ObjectId },
    submittedAt: { type: Date },
    publishedAt: { type: Date },
    rejection: { reason: { type: String }, at: { type: Date }, by: { type: Schema.Types.ObjectId } },
    closedAt: { type: Date },
    outcome: {
      result: { type: String, enum: outcomeResults },
      description: { type: String },
      results: { type: String },
      lessonsLearned: { type: String },
    },
  },
  { timestamps: true, minimize: true },
);
// Public listing and the degraded search: public needs by date, filtered by the *All arrays.
needSchema.index({ status: 1, hidden: 1, publishedAt: -1, _id: -1 });
needSchema.index({ cpvAll: 1, status: 1 });
needSchema.index({ regionsAll: 1, status: 1 });
needSchema.index({ networkId: 1, status: 1, updatedAt: -1 });
// The moderation queue: oldest submission first.
needSchema.index({ status: 1, submittedAt: 1, _id: 1 });
needSchema.index({ hidden: 1, hiddenAt: 1 });

export type NeedDoc = InferSchemaType<typeof needSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function needModel(connection: Connection): Model<NeedDoc> {
  return (
    (connection.models.Need as Model<NeedDoc> | undefined) ??
    connection.model<NeedDoc>('Need', needSchema, 'needs')
  );
}

/**
 * One change to a published need: what changed (field, before, after), when, by which
 * organisation. Public on the need; `userId` is kept for the audit trail and never shown.
 */
const needChangeSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId },
    userId: { type: Schema.Types.ObjectId },
    version: { type: Number, required: true },
    note: { type: String },
    fields: {
      type: [
        new Schema(
          {
            field: { type: String, required: true },
            before: { type: Schema.Types.Mixed },
            after: { type: Schema.Types.Mixed },
          },
          { _id: false, minimize: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
needChangeSchema.index({ needId: 1, createdAt: -1, _id: -1 });
needChangeSchema.index({ userId: 1 });

export type NeedChangeDoc = InferSchemaType<typeof needChangeSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

export function needChangeModel(connection: Connection): Model<NeedChangeDoc> {
  return (
    (connection.models.NeedChange as Model<NeedChangeDoc> | undefined) ??
    connection.model<NeedChangeDoc>('NeedChange', needChangeSchema, 'need_changes')
  );
}

export const reportStatuses = ['open', 'dismissed', 'upheld'] as const;

/** A user's report of a published need (e.g. misleading, personal data). One open report per user and need. */
const needReportSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** The reporter's verified organisation at the time: only these count towards hiding. */
    organisationId: { type: Schema.Types.ObjectId },
    reason: { type: String, required: true },
    status: { type: String, enum: reportStatuses, required: true, default: 'open' },
    resolvedAt: { type: Date },
    resolvedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true },
);
needReportSchema.index(
  { needId: 1, userId: 1 },
  { unique: true, partialFilterExpression: { status: 'open' } },
);
needReportSchema.index({ needId: 1, status: 1, createdAt: 1 });
needReportSchema.index({ userId: 1 });

export type NeedReportDoc = InferSchemaType<typeof needReportSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function needReportModel(connection: Connection): Model<NeedReportDoc> {
  return (
    (connection.models.NeedReport as Model<NeedReportDoc> | undefined) ??
    connection.model<NeedReportDoc>('NeedReport', needReportSchema, 'need_reports')
  );
}
