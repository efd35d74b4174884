import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/** Security-relevant actions: who, what, when, from where. Append-only. */
const auditEntrySchema = new Schema(
  {
    /** The acting user; absent for anonymous actions such as a failed login. */
    actorId: { type: Schema.Types.ObjectId },
    actorEmail: { type: String },
    action: { type: String, required: true },
    targetType: { type: String },
    targetId: { type: String },
    ip: { type: String },
    userAgent: { type: String },
    outcome: { type: String, enum: ['success', 'failure', 'denied'], default: 'success' },
    details: { type: Schema.Types.Mixed },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
auditEntrySchema.index({ createdAt: -1 });
auditEntrySchema.index({ action: 1, createdAt: -1 });
auditEntrySchema.index({ actorId: 1, createdAt: -1 });
auditEntrySchema.index({ targetType: 1, targetId: 1, createdAt: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

export function auditModel(connection: Connection): Model<AuditEntryDoc> {
  return (
    (connection.models.AuditEntry as Model<AuditEntryDoc> | undefined) ??
    connection.model<AuditEntryDoc>('AuditEntry', auditEntrySchema, 'audit_log')
  );
}
