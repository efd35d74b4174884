import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

export const networkStatuses = ['pending', 'approved', 'rejected'] as const;
/** Languages a network works in (ISO 639-1): the Nordic languages and English. */
export const networkLanguages = ['sv', 'en', 'nb', 'nn', 'da', 'fi', 'is'] as const;

/**
 * A buyer network (beställarnätverk): buyer organisations around one subject area. One member
 * organisation coordinates it. Visible to the public once an admin approves it.
 */
const networkSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    slug: { type: String, required: true },
    subjectArea: { type: String, required: true },
    description: { type: String, required: true },
    languages: { type: [{ type: String, enum: networkLanguages }], default: ['sv'] },
    /** The network's public contact point (personal data: name, email, phone). */
    contact: {
      name: { type: String, required: true },
      email: { type: String, required: true },
      phone: { type: String },
    },
    coordinatorOrgId: { type: Schema.Types.ObjectId, required: true },
    members: {
      type: [
        new Schema(
          {
            organisationId: { type: Schema.Types.ObjectId, required: true },
            joinedAt: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    status: { type: String, enum: networkStatuses, required: true, default: 'pending' },
    createdBy: { type: Schema.Types.ObjectId },
    approvedAt: { type: Date },
    approvedBy: { type: Schema.Types.ObjectId },
    rejectedAt: { type: Date },
    rejectedBy: { type: Schema.Types.ObjectId },
    rejectionReason: { type: String },
    /** Matches at or above this score are strong (invited, emailed); unset = the calibrated default. */
    matchThreshold: { type: Number },
  },
  { timestamps: true },
);
networkSchema.index({ slug: 1 }, { unique: true });
networkSchema.index({ status: 1, createdAt: 1, _id: 1 });
networkSchema.index({ 'members.organisationId': 1 });

export type NetworkDoc = InferSchemaType<typeof networkSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function networkModel(connection: Connection): Model<NetworkDoc> {
  return (
    (connection.models.Network as Model<NetworkDoc> | undefined) ??
    connection.model<NetworkDoc>('Network', networkSchema, 'networks')
  );
}
