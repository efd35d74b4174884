import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * A login. Stored in MongoDB (not in process memory) so any API replica can check it. Only the
 * sha256 of the token is kept: a database leak does not hand out working sessions.
 */
const sessionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true },
    kind: { type: String, enum: ['cookie', 'bearer'], required: true },
    /** sha256 of the CSRF token bound to a cookie session (double-submit, checked against this). */
    csrfHash: { type: String },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    userAgent: { type: String },
    ip: { type: String },
    revokedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ userId: 1, createdAt: -1 });
// MongoDB removes sessions once they expire.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId; createdAt: Date };

export function sessionModel(connection: Connection): Model<SessionDoc> {
  return (
    (connection.models.UserSession as Model<SessionDoc> | undefined) ??
    connection.model<SessionDoc>('UserSession', sessionSchema, 'user_sessions')
  );
}
