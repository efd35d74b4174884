import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { membershipRoles } from './membership.model.js';

export const orgInvitationStatuses = ['pending', 'accepted', 'declined', 'revoked'] as const;

/**
 * An owner's invitation of an email address into an organisation. It names an address, not an
 * account, so inviting answers alike whether the address has an account; the person holding a
 * verified account with that address accepts or declines it. A membership exists only after
 * acceptance.
 */
const orgInvitationSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    /** Normalised (trimmed, lower case), as account emails are. */
    email: { type: String, required: true },
    role: { type: String, enum: membershipRoles, required: true },
    /** The owner who invited; removed when that account is deleted. */
    invitedBy: { type: Schema.Types.ObjectId },
    status: { type: String, enum: orgInvitationStatuses, required: true, default: 'pending' },
    expiresAt: { type: Date, required: true },
    respondedAt: { type: Date },
  },
  { timestamps: true },
);
// At most one open invitation per organisation and address.
orgInvitationSchema.index(
  { organisationId: 1, email: 1 },
  { unique: true, partialFilterExpression: { status: 'pending' } },
);
orgInvitationSchema.index({ email: 1, status: 1 });
orgInvitationSchema.index({ organisationId: 1, createdAt: -1 });

export type OrgInvitationDoc = InferSchemaType<typeof orgInvitationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function orgInvitationModel(connection: Connection): Model<OrgInvitationDoc> {
  return (
    (connection.models.OrganisationInvitation as Model<OrgInvitationDoc> | undefined) ??
    connection.model<OrgInvitationDoc>(
      'OrganisationInvitation',
      orgInvitationSchema,
      'organisation_invitations',
    )
  );
}
