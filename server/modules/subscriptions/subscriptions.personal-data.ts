import mongoose, { type Connection } from 'mongoose';
import type { PersonalDataProvider } from '../accounts/personal-data.js';
import { toSubscriptionDto } from './subscriptions.service.js';
import { createSubscriptionsRepository } from './subscriptions.repository.js';

/**
 * A user's subscriptions and what was queued for their digests are theirs: exported, and
 * deleted with the account (the deliveries themselves belong to the notifications' retention).
 */
export function subscriptionsPersonalData(deps: { mongo: Connection }): PersonalDataProvider {
  const repo = createSubscriptionsRepository(deps.mongo);
  return {
    name: 'subscriptions',
    async export(userId) {
      return { subscriptions: (await repo.listForUser(userId)).map(toSubscriptionDto) };
    },
    async assertCanDelete() {},
    async deleteFor(userId, session) {
      const id = new mongoose.Types.ObjectId(userId);
      await repo.removeAllForUser(userId, session);
      await deps.mongo.collection('digest_items').deleteMany({ userId: id }, { session });
      await deps.mongo.collection('need_notices').deleteMany({ userId: id }, { session });
    },
  };
}
