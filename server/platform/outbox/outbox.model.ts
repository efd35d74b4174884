import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * An event written in the same transaction as the state change that causes it. The relay in
 * the workers process moves pending events to BullMQ; nothing is lost while Redis is down.
 */
const outboxEventSchema = new Schema(
  {
    type: { type: String, required: true },
    /** Ids only: no personal data travels through Redis. */
    payload: { type: Schema.Types.Mixed, required: true, default: {} },
    /** Optional dedupe key: recording the same logical event twice stores it once. */
    key: { type: String },
    status: { type: String, enum: ['pending', 'relayed'], default: 'pending', required: true },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
    relayedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
outboxEventSchema.index({ status: 1, _id: 1 });
outboxEventSchema.index({ key: 1 }, { unique: true, partialFilterExpression: { key: { $type: 'string' } } });
// Relayed events are kept for 30 days for tracing, then removed.
outboxEventSchema.index({ relayedAt: 1 }, { expireAfterSeconds: 30 * 24 * 3600 });

export type OutboxEventDoc = InferSchemaType<typeof outboxEventSchema> & {
  _id: Types.ObjectId;
};

export function outboxModel(connection: Connection): Model<OutboxEventDoc> {
  return (
    (connection.models.OutboxEvent as Model<OutboxEventDoc> | undefined) ??
    connection.model<OutboxEventDoc>('OutboxEvent', outboxEventSchema, 'outbox')
  );
}
