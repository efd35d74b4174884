import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const organisationKinds = ['buyer', 'supplier'] as const;
export const buyerTypes = ['kommun', 'region', 'statlig_myndighet', 'offentligt_bolag'] as const;
export const organisationStatuses = ['pending', 'verified', 'rejected'] as const;

/**
 * A buyer (contracting authority) or supplier, identified by its org number in its country.
 * Every organisation starts `pending`; an admin verifies or rejects it. Buyers act in networks
 * only when verified; suppliers are verified by the same step (what an unverified supplier may
 * do is decided by the supplier-profile feature).
 */
const organisationSchema = new Schema(
  {
    kind: { type: String, enum: organisationKinds, required: true },
    buyerType: { type: String, enum: buyerTypes },
    name: { type: String, required: true, trim: true },
    country: { type: String, enum: ['SE', 'NO'], required: true },
    /** Canonical form: `NNNNNN-NNNN` (SE), 9 digits (NO). */
    orgNumber: { type: String, required: true },
    website: { type: String },
    status: { type: String, enum: organisationStatuses, required: true, default: 'pending' },
    verifiedAt: { type: Date },
    verifiedBy: { type: Schema.Types.ObjectId },
    rejectedAt: { type: Date },
    rejectedBy: { type: Schema.Types.ObjectId },
    rejectionReason: { type: String },
    /**
     * Bumped by every change to the organisation's memberships, so that two concurrent
     * transactions that each check "is there another owner?" conflict instead of both winning.
     */
    membersVersion: { type: Number, default: 0 },
  },
  { timestamps: true },
);
organisationSchema.index({ country: 1, orgNumber: 1 }, { unique: true });
// The admin queue: oldest first within a status.
organisationSchema.index({ status: 1, createdAt: 1, _id: 1 });

export type OrganisationDoc = InferSchemaType<typeof organisationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function organisationModel(connection: Connection): Model<OrganisationDoc> {
  return (
    (connection.models.Organisation as Model<OrganisationDoc> | undefined) ??
    connection.model<OrganisationDoc>('Organisation', organisationSchema, 'organisations')
  );
}
