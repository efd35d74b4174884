import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * A person who can log in. `email` is stored lower-cased (the unique index relies on it); a
 * deleted account keeps its document with personal data removed, so references stay valid.
 */
const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    /** argon2id PHC string; absent once the account is deleted. */
    passwordHash: { type: String },
    emailVerifiedAt: { type: Date },
    isAdmin: { type: Boolean, default: false, required: true },
    language: { type: String, enum: ['sv', 'en'], default: 'sv', required: true },
    name: { type: String },
    deletedAt: { type: Date },
  },
  { timestamps: true, minimize: false },
);
userSchema.index({ email: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function userModel(connection: Connection): Model<UserDoc> {
  return (
    (connection.models.User as Model<UserDoc> | undefined) ??
    connection.model<UserDoc>('User', userSchema, 'users')
  );
}
