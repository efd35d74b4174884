import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * One OCDS release of a need, append-only: written when a public change of the need is relayed
 * from the outbox (see ocds.events.ts), never rewritten, so its id and date stay what they were
 * when first published. `json` is the release as served (a delta after the first), serialised
 * once when written, so pages and dumps are assembled from strings without re-encoding; `state`
 * is the compiled state after it (what the next change is diffed against). `withheld` is set
 * while the need is not public (hidden pending a report review): such releases are not served.
 */
const ocdsReleaseSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    ocid: { type: String, required: true },
    /** 1, 2, 3 … per need; unique with needId, so two writers cannot both append the same step. */
    seq: { type: Number, required: true },
    releaseId: { type: String, required: true },
    date: { type: Date, required: true },
    json: { type: String, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    withheld: { type: Boolean, required: true, default: false },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
ocdsReleaseSchema.index({ needId: 1, seq: 1 }, { unique: true });
// GET /api/ocds/releases and the dump: every served release in date order (newest last).
ocdsReleaseSchema.index({ withheld: 1, date: 1, _id: 1 });

export interface OcdsReleaseDoc {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  ocid: string;
  seq: number;
  releaseId: string;
  date: Date;
  json: string;
  state: Record<string, unknown>;
  withheld: boolean;
  createdAt: Date;
}

export function ocdsReleaseModel(connection: Connection): Model<OcdsReleaseDoc> {
  return (
    (connection.models.OcdsRelease as Model<OcdsReleaseDoc> | undefined) ??
    connection.model<OcdsReleaseDoc>('OcdsRelease', ocdsReleaseSchema, 'ocds_releases')
  );
}
