import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const membershipRoles = ['owner', 'member'] as const;

/** A user's place in an organisation. Owners invite members and manage their roles. */
const membershipSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: membershipRoles, required: true },
    /**
     * When the person agreed to this membership (created the organisation or accepted an
     * invitation). Memberships from before invitations existed lack it: such an ownership never
     * blocks leaving or deleting the account.
     */
    consentedAt: { type: Date },
  },
  { timestamps: true },
);
membershipSchema.index({ userId: 1, organisationId: 1 }, { unique: true });
membershipSchema.index({ organisationId: 1, role: 1 });

export type MembershipDoc = InferSchemaType<typeof membershipSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function membershipModel(connection: Connection): Model<MembershipDoc> {
  return (
    (connection.models.Membership as Model<MembershipDoc> | undefined) ??
    connection.model<MembershipDoc>('Membership', membershipSchema, 'memberships')
  );
}
