import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const questionStatuses = ['pending', 'answered', 'published', 'merged', 'rejected'] as const;
export const questionSources = ['platform', 'external'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];
export type QuestionSource = (typeof questionSources)[number];

/**
 * A supplier's question about a published need (or one the network received elsewhere), and the
 * network's answer. Equal treatment: the question is published with its answer to everyone and
 * the asker (`askedBy*`) is never shown to other suppliers. `originalText` keeps the wording as
 * asked; `text` is what is published (the network may neutralise wording that reveals the asker).
 */
const questionSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    networkId: { type: Schema.Types.ObjectId, required: true },
    source: { type: String, enum: questionSources, required: true, default: 'platform' },
    status: { type: String, enum: questionStatuses, required: true, default: 'pending' },
    text: { type: String, required: true },
    originalText: { type: String, required: true },
    askedByOrgId: { type: Schema.Types.ObjectId },
    askedByUserId: { type: Schema.Types.ObjectId },
    /** External questions: when the network received it (by email, at a meeting …). */
    receivedAt: { type: Date },
    answer: {
      text: { type: String },
      answeredAt: { type: Date },
      answeredBy: { type: Schema.Types.ObjectId },
      answeredByOrgId: { type: Schema.Types.ObjectId },
    },
    publishedAt: { type: Date },
    mergedInto: { type: Schema.Types.ObjectId },
    mergedAt: { type: Date },
    rejectionReason: { type: String },
    rejectedAt: { type: Date },
  },
  { timestamps: true, minimize: true },
);
questionSchema.index({ needId: 1, status: 1, publishedAt: 1, _id: 1 });
questionSchema.index({ mergedInto: 1 });
questionSchema.index({ askedByUserId: 1 });
questionSchema.index({ askedByOrgId: 1, needId: 1 });

export interface QuestionDoc {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  networkId: Types.ObjectId;
  source: QuestionSource;
  status: QuestionStatus;
  text: string;
  originalText: string;
  askedByOrgId?: Types.ObjectId | null;
  askedByUserId?: Types.ObjectId | null;
  receivedAt?: Date | null;
  answer?: {
    text?: string | null;
    answeredAt?: Date | null;
    answeredBy?: Types.ObjectId | null;
    answeredByOrgId?: Types.ObjectId | null;
  } | null;
  publishedAt?: Date | null;
  mergedInto?: Types.ObjectId | null;
  mergedAt?: Date | null;
  rejectionReason?: string | null;
  rejectedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function questionModel(connection: Connection): Model<QuestionDoc> {
  return (
    (connection.models.NeedQuestion as Model<QuestionDoc> | undefined) ??
    connection.model<QuestionDoc>('NeedQuestion', questionSchema, 'need_questions')
  );
}
