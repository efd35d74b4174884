import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * One intended email. `key` (recipient + event) is unique, so the same event never produces
 * two emails to one person; `status` records what happened so retries never send twice.
 */
const deliverySchema = new Schema(
  {
    key: { type: String, required: true },
    to: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId },
    template: { type: String, required: true },
    locale: { type: String, enum: ['sv', 'en'], default: 'sv' },
    /** Template variables; may contain personal data, so they stay in MongoDB, never in Redis. */
    data: { type: Schema.Types.Mixed, default: {} },
    status: {
      type: String,
      // committing: the message body is with the SMTP server and only the final "." is left
      // (see delivery-sender.ts): a worker that dies now is taken to have sent it.
      enum: ['pending', 'sending', 'committing', 'sent', 'failed'],
      default: 'pending',
      required: true,
    },
    attempts: { type: Number, default: 0 },
    /** The worker process holding the claim (its heartbeat tells whether it is alive). */
    owner: { type: String },
    /** Sent, as far as we can tell: the worker died (or the connection dropped) after the final ".". */
    uncertain: { type: Boolean },
    responseCode: { type: Number },
    sendingAt: { type: Date },
    sentAt: { type: Date },
    messageId: { type: String },
    lastError: { type: String },
    /** A permanent failure (e.g. the address does not exist) is not retried. */
    permanent: { type: Boolean, default: false },
  },
  { timestamps: true, minimize: false },
);
deliverySchema.index({ key: 1 }, { unique: true });
deliverySchema.index({ status: 1, updatedAt: 1 });
deliverySchema.index({ status: 1, owner: 1 });
deliverySchema.index({ userId: 1 });
deliverySchema.index({ to: 1 });

export type DeliveryDoc = InferSchemaType<typeof deliverySchema> & { _id: Types.ObjectId };

export function deliveryModel(connection: Connection): Model<DeliveryDoc> {
  return (
    (connection.models.Delivery as Model<DeliveryDoc> | undefined) ??
    connection.model<DeliveryDoc>('Delivery', deliverySchema, 'deliveries')
  );
}
