import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../../config.js';
import { createOutbox, inTransaction } from '../../platform/outbox/outbox.js';
import { createUsersRepository } from '../accounts/users.repository.js';
import { createSubscriptionsRepository } from './subscriptions.repository.js';
import { unsubscribeTokenFor } from './subscriptions.service.js';
import { createEmailService } from '../notifications/email.service.js';
import { digestItemModel, type DigestItemDoc } from './notice.model.js';
import { subscriptionTemplateNames } from './subscriptions.emails.js';

/** The most items one digest lists; the rest wait for the next one. */
const MAX_ITEMS = 200;

export interface DigestService {
  /** Subscriptions with items waiting for a digest of this mode. */
  subscriptionsWithNews(mode: 'daily' | 'weekly', batch: (ids: string[]) => Promise<void>): Promise<void>;
  /**
   * Builds and queues one subscription's digest for a period, in one transaction: the delivery
   * (key `digest.<subscriptionId>.<periodKey>`, so a period is sent at most once) and the claim
   * of the items it lists (so no later digest repeats them).
   */
  send(
    subscriptionId: string,
    periodKey: string,
  ): Promise<{ queued: boolean; needs: number; reason?: string }>;
}

export const digestKey = (subscriptionId: string, periodKey: string) =>
  `digest.${subscriptionId}.${periodKey}`;

interface DigestNeed {
  needId: string;
  title: string;
  isNew: boolean;
  why: { sv: string[]; en: string[] };
  changes: { sv: string[]; en: string[] };
}

/** Groups items by need, in the order the needs first appeared; each line once. */
export function groupByNeed(items: Pick<DigestItemDoc, 'needId' | 'kind' | 'data'>[]): DigestNeed[] {
  const byNeed = new Map<string, DigestNeed>();
  for (const item of items) {
    const id = String(item.needId);
    const need = byNeed.get(id) ?? {
      needId: id,
      title: item.data.title,
      isNew: false,
      why: { sv: [], en: [] },
      changes: { sv: [], en: [] },
    };
    need.title = item.data.title;
    const target = item.kind === 'new' ? need.why : need.changes;
    if (item.kind === 'new') need.isNew = true;
    for (const lang of ['sv', 'en'] as const) {
      for (const line of item.data.lines[lang]) if (!target[lang].includes(line)) target[lang].push(line);
    }
    byNeed.set(id, need);
  }
  return [...byNeed.values()];
}

export function createDigestService(deps: {
  mongo: Connection;
  config: Pick<Config, 'SESSION_SECRET'>;
}): DigestService {
  const items = digestItemModel(deps.mongo);
  const subscriptions = createSubscriptionsRepository(deps.mongo);
  const users = createUsersRepository(deps.mongo);
  const email = createEmailService({ mongo: deps.mongo, outbox: createOutbox(deps.mongo) });
  const deliveries = deps.mongo.collection('deliveries');

  return {
    async subscriptionsWithNews(mode, batch) {
      const cursor = items.collection.aggregate<{ _id: mongoose.Types.ObjectId }>([
        { $match: { mode, digestKey: null } },
        { $group: { _id: '$subscriptionId' } },
      ]);
      let chunk: string[] = [];
      for await (const row of cursor) {
        chunk.push(String(row._id));
        if (chunk.length >= 1_000) {
          await batch(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await batch(chunk);
    },

    async send(subscriptionId, periodKey) {
      const key = digestKey(subscriptionId, periodKey);
      const subscription = await subscriptions.findById(subscriptionId);
      const user = subscription ? await users.findById(subscription.userId) : undefined;
      return inTransaction(deps.mongo, async (session) => {
        if (await deliveries.findOne({ key }, { session, projection: { _id: 1 } })) {
          return { queued: false, needs: 0, reason: 'already sent' };
        }
        const subId = new mongoose.Types.ObjectId(subscriptionId);
        if (!subscription || !subscription.active || !user) {
          // Unsubscribed (or the account is gone): what was waiting is dropped, not sent later.
          await items.collection.updateMany(
            { subscriptionId: subId, digestKey: null },
            { $set: { digestKey: `dropped.${periodKey}` } },
            { session },
          );
          return { queued: false, needs: 0, reason: 'inactive' };
        }
        const waiting = (await items.collection
          .find({ subscriptionId: subId, digestKey: null }, { session })
          .sort({ createdAt: 1, _id: 1 })
          .limit(MAX_ITEMS)
          .toArray()) as unknown as DigestItemDoc[];
        if (waiting.length === 0) return { queued: false, needs: 0, reason: 'nothing new' };
        const needs = groupByNeed(waiting);
        await email.queue(session, [
          {
            key,
            to: user.email,
            userId: user.id,
            template: subscriptionTemplateNames.digest,
            locale: user.language,
            data: {
              mode: periodKey.includes('W') ? 'weekly' : 'daily',
              periodKey,
              needs,
              subscriptionId,
              subscriptionName: subscription.name,
              unsubscribeToken: unsubscribeTokenFor(deps.config, subscription),
            },
          },
        ]);
        await items.collection.updateMany(
          { _id: { $in: waiting.map((i) => i._id) } },
          { $set: { digestKey: key } },
          { session },
        );
        return { queued: true, needs: needs.length };
      });
    },
  };
}
