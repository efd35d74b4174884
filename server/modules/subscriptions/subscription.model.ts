import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const subscriptionKinds = ['search', 'network', 'need', 'profile'] as const;
export const deliveryModes = ['instant', 'daily', 'weekly'] as const;
export type SubscriptionKind = (typeof subscriptionKinds)[number];
export type DeliveryMode = (typeof deliveryModes)[number];

/** Stands for "any value" in a lookup key array, so an empty filter is an indexable value too. */
export const ANY = '*';

/**
 * What a user subscribed to, and how often they want to hear about it:
 *  - `search`: a saved need search (text + CPV codes + regions + networks + stages);
 *  - `network`: every new need of one network;
 *  - `need`: changes to one need (follow);
 *  - `profile`: needs the matcher finds for the user's supplier organisation (score ≥ minScore).
 *
 * `keys` is the search's structured filter in lookup form: for a newly published need, the
 * subscriptions it satisfies are found by index lookups (one multikey index per dimension), not
 * by running every saved search. An empty dimension is stored as [ANY].
 */
const subscriptionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId },
    kind: { type: String, enum: subscriptionKinds, required: true },
    name: { type: String, required: true },
    delivery: { type: String, enum: deliveryModes, required: true, default: 'instant' },
    active: { type: Boolean, required: true, default: true },
    filters: {
      q: { type: String, default: '' },
      cpvCodes: { type: [String], default: [] },
      regions: { type: [String], default: [] },
      networkIds: { type: [String], default: [] },
      stages: { type: [String], default: [] },
    },
    networkId: { type: Schema.Types.ObjectId },
    needId: { type: Schema.Types.ObjectId },
    minScore: { type: Number },
    /** Folded words of `filters.q`; each must be in the need's text (see subscription-keys.ts). */
    qWords: { type: [String], default: [] },
    /** The normalised term of each of `qWords` (platform/text), checked against the need's terms. */
    qTerms: { type: [String], default: undefined },
    keys: {
      cpv: { type: [String], default: [] },
      region: { type: [String], default: [] },
      /** Strict ancestors of the regions: a need for the whole country concerns a county's suppliers. */
      regionUp: { type: [String], default: [] },
      network: { type: [String], default: [] },
      stage: { type: [String], default: [] },
    },
    /** Part of the unsubscribe token's MAC: rotating it invalidates every link sent so far. */
    nonce: { type: String, required: true },
    unsubscribedAt: { type: Date },
  },
  { timestamps: true, minimize: false },
);
// New-need lookup: one multikey index per dimension; the planner picks the most selective.
subscriptionSchema.index({ 'keys.cpv': 1, active: 1 });
subscriptionSchema.index({ 'keys.region': 1, active: 1 });
subscriptionSchema.index({ 'keys.regionUp': 1, active: 1 });
subscriptionSchema.index({ 'keys.network': 1, active: 1 });
subscriptionSchema.index({ userId: 1, createdAt: -1 });
subscriptionSchema.index({ needId: 1, active: 1 }, { partialFilterExpression: { kind: 'need' } });
subscriptionSchema.index({ organisationId: 1, kind: 1, active: 1 });
// A user follows a network or a need once.
subscriptionSchema.index(
  { userId: 1, kind: 1, networkId: 1 },
  { unique: true, partialFilterExpression: { kind: 'network' } },
);
subscriptionSchema.index(
  { userId: 1, kind: 1, needId: 1 },
  { unique: true, partialFilterExpression: { kind: 'need' } },
);

export interface SubscriptionDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  organisationId?: Types.ObjectId;
  kind: SubscriptionKind;
  name: string;
  delivery: DeliveryMode;
  active: boolean;
  filters: { q: string; cpvCodes: string[]; regions: string[]; networkIds: string[]; stages: string[] };
  networkId?: Types.ObjectId;
  needId?: Types.ObjectId;
  minScore?: number;
  qWords: string[];
  qTerms?: string[];
  keys: { cpv: string[]; region: string[]; regionUp: string[]; network: string[]; stage: string[] };
  nonce: string;
  unsubscribedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export function subscriptionModel(connection: Connection): Model<SubscriptionDoc> {
  return (
    (connection.models.Subscription as Model<SubscriptionDoc> | undefined) ??
    connection.model<SubscriptionDoc>('Subscription', subscriptionSchema, 'subscriptions')
  );
}
