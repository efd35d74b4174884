import { Schema, type Connection, type Model, type Types } from 'mongoose';

const partsSchema = {
  cpv: Number,
  region: Number,
  text: Number,
  completeness: Number,
  keyword: Number,
  semantic: Number,
};

/**
 * One (need, supplier) match: the score, its parts and weights, and the explanation shown to
 * both sides. Keyed by (needId, supplierId): re-matching updates the row in place.
 * `supplierId` is the supplier organisation's id (= its profile id).
 */
const matchSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    supplierId: { type: Schema.Types.ObjectId, required: true },
    networkId: { type: Schema.Types.ObjectId, required: true },
    score: { type: Number, required: true },
    parts: partsSchema,
    weights: partsSchema,
    /** For the supplier ("Your code …"). */
    explanation: { sv: [String], en: [String] },
    /** For the buyers ("The supplier's code …"). */
    buyerExplanation: { sv: [String], en: [String] },
    /** Copied from the supplier document, for the buyers' list filters. */
    supplierName: { type: String },
    regions: { type: [String], default: [] },
    size: { type: String },
    /** Open needs only are re-matched when a profile changes; closed needs keep their list. */
    needOpen: { type: Boolean, required: true, default: true },
  },
  { timestamps: true, minimize: false },
);
matchSchema.index({ needId: 1, supplierId: 1 }, { unique: true });
matchSchema.index({ needId: 1, score: -1, _id: 1 });
matchSchema.index({ supplierId: 1, needOpen: 1, score: -1 });

export interface MatchDoc {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  supplierId: Types.ObjectId;
  networkId: Types.ObjectId;
  score: number;
  parts: {
    cpv: number;
    region: number;
    text: number;
    completeness: number;
    keyword?: number;
    semantic?: number;
  };
  weights: { cpv: number; region: number; text: number; completeness: number };
  explanation: { sv: string[]; en: string[] };
  buyerExplanation?: { sv: string[]; en: string[] };
  supplierName?: string;
  regions: string[];
  size?: string;
  needOpen: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function matchModel(connection: Connection): Model<MatchDoc> {
  return (
    (connection.models.Match as Model<MatchDoc> | undefined) ??
    connection.model<MatchDoc>('Match', matchSchema, 'matches')
  );
}

/**
 * Per-need matching state: a lease so that two match-need jobs for one need never interleave
 * (the later one fails and is retried), and what the last run saw.
 */
const matchRunSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    lockedBy: { type: String },
    lockedUntil: { type: Date },
    needVersion: { type: Number },
    candidates: { type: Number },
    ms: { type: Number },
    ranAt: { type: Date },
  },
  { collection: 'match_runs', versionKey: false },
);

export interface MatchRunDoc {
  _id: Types.ObjectId;
  lockedBy?: string;
  lockedUntil?: Date;
  needVersion?: number;
  candidates?: number;
  ms?: number;
  ranAt?: Date;
}

export function matchRunModel(connection: Connection): Model<MatchRunDoc> {
  return (
    (connection.models.MatchRun as Model<MatchRunDoc> | undefined) ??
    connection.model<MatchRunDoc>('MatchRun', matchRunSchema)
  );
}
