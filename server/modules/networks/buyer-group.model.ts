import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';

/**
 * A buyer group (beställargrupp): some member organisations of a network joined for one
 * procurement, until `endsAt`. Needs may belong to a group.
 */
const buyerGroupSchema = new Schema(
  {
    networkId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, trim: true },
    purpose: { type: String, required: true },
    memberOrgIds: { type: [Schema.Types.ObjectId], default: [] },
    endsAt: { type: Date, required: true },
    createdBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true },
);
buyerGroupSchema.index({ networkId: 1, endsAt: -1 });
buyerGroupSchema.index({ memberOrgIds: 1 });

export type BuyerGroupDoc = InferSchemaType<typeof buyerGroupSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export function buyerGroupModel(connection: Connection): Model<BuyerGroupDoc> {
  return (
    (connection.models.BuyerGroup as Model<BuyerGroupDoc> | undefined) ??
    connection.model<BuyerGroupDoc>('BuyerGroup', buyerGroupSchema, 'buyer_groups')
  );
}
