import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const tokenPurposes = ['verify-email', 'reset-password'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

/** A single-use emailed token (verification, password reset). Only its sha256 is stored. */
const accountTokenSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    purpose: { type: String, enum: tokenPurposes, required: true },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
accountTokenSchema.index({ tokenHash: 1 }, { unique: true });
accountTokenSchema.index({ userId: 1, purpose: 1 });
accountTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type AccountTokenDoc = InferSchemaType<typeof accountTokenSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

export function accountTokenModel(connection: Connection): Model<AccountTokenDoc> {
  return (
    (connection.models.AccountToken as Model<AccountTokenDoc> | undefined) ??
    connection.model<AccountTokenDoc>('AccountToken', accountTokenSchema, 'account_tokens')
  );
}
