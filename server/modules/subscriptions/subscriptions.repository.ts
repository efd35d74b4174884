import { randomBytes } from 'node:crypto';
import mongoose, { type ClientSession, type Connection } from 'mongoose';
import { lookupFilter, type LookupNeed } from './subscription-keys.js';
import { subscriptionModel, type DeliveryMode, type SubscriptionDoc } from './subscription.model.js';
import { oid } from '../../platform/mongo.js';

export type Subscription = Omit<
  SubscriptionDoc,
  '_id' | 'userId' | 'organisationId' | 'networkId' | 'needId'
> & {
  id: string;
  userId: string;
  organisationId?: string;
  networkId?: string;
  needId?: string;
};

export type NewSubscription = Omit<
  Subscription,
  'id' | 'nonce' | 'createdAt' | 'updatedAt' | 'active' | 'unsubscribedAt'
>;

/** The slice of a subscription the notifier needs, for many subscriptions at once. */
export interface SubscriptionTarget {
  id: string;
  userId: string;
  kind: Subscription['kind'];
  name: string;
  delivery: DeliveryMode;
  qWords: string[];
  /** Normalised term of each of qWords; absent for saved searches stored before the analysis. */
  qTerms?: string[];
  organisationId?: string;
  minScore?: number;
  /** For the unsubscribe token of the emails this subscription causes. */
  nonce: string;
  createdAt: Date;
}

export interface SubscriptionsRepository {
  create(input: NewSubscription, tx?: ClientSession): Promise<Subscription>;
  findById(id: string, tx?: ClientSession): Promise<Subscription | undefined>;
  listForUser(userId: string): Promise<Subscription[]>;
  update(
    id: string,
    changes: Partial<NewSubscription & { active: boolean }>,
    tx?: ClientSession,
  ): Promise<Subscription | undefined>;
  remove(id: string): Promise<boolean>;
  /** Sets active false (idempotent); returns the subscription as it is afterwards. */
  deactivate(id: string, at: Date): Promise<Subscription | undefined>;
  /** Search and network subscriptions whose structured filters a need satisfies (text not checked yet). */
  satisfiedBy(need: LookupNeed, batch: (targets: SubscriptionTarget[]) => Promise<void>): Promise<void>;
  /** Active profile subscriptions of these organisations. */
  profileSubscriptions(organisationIds: string[]): Promise<SubscriptionTarget[]>;
  /** Active followers of a need. */
  followersOf(needId: string): Promise<SubscriptionTarget[]>;
  findTargets(ids: string[]): Promise<SubscriptionTarget[]>;
  removeAllForUser(userId: string, tx?: ClientSession): Promise<number>;
}

const TARGET_FIELDS = {
  userId: 1,
  kind: 1,
  name: 1,
  delivery: 1,
  qWords: 1,
  qTerms: 1,
  organisationId: 1,
  minScore: 1,
  nonce: 1,
  createdAt: 1,
};

function toSubscription(doc: SubscriptionDoc): Subscription {
  const { _id, userId, organisationId, networkId, needId, ...rest } = doc;
  return {
    ...rest,
    id: String(_id),
    userId: String(userId),
    ...(organisationId ? { organisationId: String(organisationId) } : {}),
    ...(networkId ? { networkId: String(networkId) } : {}),
    ...(needId ? { needId: String(needId) } : {}),
  };
}

function toTarget(
  doc: Pick<
    SubscriptionDoc,
    | '_id'
    | 'userId'
    | 'kind'
    | 'name'
    | 'delivery'
    | 'qWords'
    | 'qTerms'
    | 'organisationId'
    | 'minScore'
    | 'nonce'
    | 'createdAt'
  >,
): SubscriptionTarget {
  return {
    id: String(doc._id),
    userId: String(doc.userId),
    kind: doc.kind,
    name: doc.name,
    delivery: doc.delivery,
    qWords: doc.qWords ?? [],
    ...(doc.qTerms ? { qTerms: doc.qTerms } : {}),
    ...(doc.organisationId ? { organisationId: String(doc.organisationId) } : {}),
    ...(doc.minScore !== undefined && doc.minScore !== null ? { minScore: doc.minScore } : {}),
    nonce: doc.nonce,
    createdAt: doc.createdAt,
  };
}

export function createSubscriptionsRepository(connection: Connection): SubscriptionsRepository {
  const model = subscriptionModel(connection);
  return {
    async create(input, tx) {
      const [doc] = await model.create(
        [
          {
            ...input,
            userId: oid(input.userId),
            organisationId: input.organisationId ? oid(input.organisationId) : undefined,
            networkId: input.networkId ? oid(input.networkId) : undefined,
            needId: input.needId ? oid(input.needId) : undefined,
            nonce: randomBytes(12).toString('base64url'),
          },
        ],
        tx ? { session: tx } : {},
      );
      return toSubscription(doc!.toObject() as SubscriptionDoc);
    },
    async findById(id, tx) {
      if (!mongoose.isValidObjectId(id)) return undefined;
      const doc = await model.findById(id, null, tx ? { session: tx } : {}).lean<SubscriptionDoc>();
      return doc ? toSubscription(doc) : undefined;
    },
    async listForUser(userId) {
      const docs = await model
        .find({ userId: oid(userId) })
        .sort({ createdAt: -1, _id: -1 })
        .lean<SubscriptionDoc[]>();
      return docs.map(toSubscription);
    },
    async update(id, changes, tx) {
      const $set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) $set[key] = value;
      const $unset: Record<string, 1> = {};
      if (changes.active === true) $unset.unsubscribedAt = 1;
      const doc = await model
        .findByIdAndUpdate(
          id,
          { $set, ...(Object.keys($unset).length ? { $unset } : {}) },
          { returnDocument: 'after', session: tx },
        )
        .lean<SubscriptionDoc>();
      return doc ? toSubscription(doc) : undefined;
    },
    async remove(id) {
      const result = await model.deleteOne({ _id: oid(id) });
      return result.deletedCount === 1;
    },
    async deactivate(id, at) {
      await model.updateOne({ _id: oid(id), active: true }, { $set: { active: false, unsubscribedAt: at } });
      return this.findById(id);
    },
    async satisfiedBy(need, batch) {
      // The native collection: the lookup filter is built from trusted values, not request input.
      const cursor = model.collection.find(lookupFilter(need), {
        projection: TARGET_FIELDS,
        batchSize: 2_000,
      });
      let chunk: SubscriptionTarget[] = [];
      for await (const doc of cursor) {
        chunk.push(toTarget(doc as unknown as SubscriptionDoc));
        if (chunk.length >= 2_000) {
          await batch(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await batch(chunk);
    },
    async profileSubscriptions(organisationIds) {
      if (organisationIds.length === 0) return [];
      const docs = await model.collection
        .find(
          { kind: 'profile', active: true, organisationId: { $in: organisationIds.map(oid) } },
          { projection: TARGET_FIELDS },
        )
        .toArray();
      return docs.map((d) => toTarget(d as unknown as SubscriptionDoc));
    },
    async followersOf(needId) {
      const docs = await model.collection
        .find({ kind: 'need', needId: oid(needId), active: true }, { projection: TARGET_FIELDS })
        .toArray();
      return docs.map((d) => toTarget(d as unknown as SubscriptionDoc));
    },
    async findTargets(ids) {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      if (valid.length === 0) return [];
      const docs = await model.collection
        .find({ _id: { $in: valid.map(oid) } }, { projection: TARGET_FIELDS })
        .toArray();
      return docs.map((d) => toTarget(d as unknown as SubscriptionDoc));
    },
    async removeAllForUser(userId, tx) {
      const result = await model.deleteMany({ userId: oid(userId) }, tx ? { session: tx } : {});
      return result.deletedCount;
    },
  };
}
