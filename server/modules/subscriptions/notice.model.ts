import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * That a user was told about a need (or is about to be, in a digest): one row per (need, user),
 * whichever subscription caught it, so a need reaches a person once — by instant email or in
 * one digest — even when several of their subscriptions match it, and a re-match after an edit
 * tells only the newly matching.
 */
const needNoticeSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    subscriptionId: { type: Schema.Types.ObjectId, required: true },
    channel: { type: String, enum: ['instant', 'daily', 'weekly'], required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'need_notices' },
);
needNoticeSchema.index({ needId: 1, userId: 1 }, { unique: true });
needNoticeSchema.index({ userId: 1 });

export interface NeedNoticeDoc {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  userId: Types.ObjectId;
  subscriptionId: Types.ObjectId;
  channel: 'instant' | 'daily' | 'weekly';
  createdAt: Date;
}

export function needNoticeModel(connection: Connection): Model<NeedNoticeDoc> {
  return (
    (connection.models.NeedNotice as Model<NeedNoticeDoc> | undefined) ??
    connection.model<NeedNoticeDoc>('NeedNotice', needNoticeSchema)
  );
}

/**
 * Something waiting for a subscription's next digest: a new need, or a change to a followed
 * need. Unique per (subscription, need, change), so nothing is listed twice; `digestKey` is set
 * when a digest takes the item, so no later digest repeats it.
 */
const digestItemSchema = new Schema(
  {
    subscriptionId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    mode: { type: String, enum: ['daily', 'weekly'], required: true },
    needId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['new', 'change'], required: true },
    /** The change-log entry for `change` items; '' for new needs (a unique index needs a value). */
    changeId: { type: String, default: '' },
    /** What the digest shows: title, why it matched / what changed (sv and en). */
    data: { type: Schema.Types.Mixed, required: true },
    digestKey: { type: String },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'digest_items', minimize: false },
);
digestItemSchema.index({ subscriptionId: 1, needId: 1, kind: 1, changeId: 1 }, { unique: true });
digestItemSchema.index({ mode: 1, digestKey: 1, subscriptionId: 1 });
digestItemSchema.index({ userId: 1 });

export interface DigestItemDoc {
  _id: Types.ObjectId;
  subscriptionId: Types.ObjectId;
  userId: Types.ObjectId;
  mode: 'daily' | 'weekly';
  needId: Types.ObjectId;
  kind: 'new' | 'change';
  changeId: string;
  data: DigestItemData;
  digestKey?: string;
  createdAt: Date;
}

export interface DigestItemData {
  title: string;
  /** Why it matched (new) or what changed (change). */
  lines: { sv: string[]; en: string[] };
}

export function digestItemModel(connection: Connection): Model<DigestItemDoc> {
  return (
    (connection.models.DigestItem as Model<DigestItemDoc> | undefined) ??
    connection.model<DigestItemDoc>('DigestItem', digestItemSchema)
  );
}
