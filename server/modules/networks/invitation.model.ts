import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const invitationStatuses = ['pending', 'accepted', 'declined', 'revoked'] as const;

/** A network's invitation to a buyer organisation; a member of that organisation answers it. */
const invitationSchema = new Schema(
  {
    networkId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    /** The user who invited; removed when that account is deleted. */
    invitedBy: { type: Schema.Types.ObjectId },
    status: { type: String, enum: invitationStatuses, required: true, default: 'pending' },
    respondedAt: { type: Date },
    respondedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true },
);
// At most one open invitation per network and organisation.
invitationSchema.index(
  { networkId: 1, organisationId: 1 },
  { unique: true, partialFilterExpression: { status: 'pending' } },
);
invitationSchema.index({ organisationId: 1, status: 1 });
invitationSchema.index({ networkId: 1, createdAt: -1 });

export type InvitationDoc = InferSchemaType<typeof invitationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function invitationModel(connection: Connection): Model<InvitationDoc> {
  return (
    (connection.models.NetworkInvitation as Model<InvitationDoc> | undefined) ??
    connection.model<InvitationDoc>('NetworkInvitation', invitationSchema, 'network_invitations')
  );
}
