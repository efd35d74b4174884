import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '../../../server/modules/accounts/passwords.js';
import { userModel } from '../../../server/modules/accounts/user.model.js';
import { deliveryModel } from '../../../server/modules/notifications/delivery.model.js';
import { lookupKeys } from '../../../server/modules/subscriptions/subscription-keys.js';
import { subscriptionModel } from '../../../server/modules/subscriptions/subscription.model.js';
import { createOutbox, inTransaction } from '../../../server/platform/outbox/outbox.js';
import { outboxModel } from '../../../server/platform/outbox/outbox.model.js';
import type { TestContext } from '../../helpers/context.js';
import { insertNeed } from '../../workers/matching-fixtures.js';

/**
 * A large fan-out: `count` verified users, each with an instant saved search for CPV 48000000,
 * written in bulk (the subscriptions service would take minutes for a thousand), and one need
 * that all of them match, published through the outbox exactly as the needs service does.
 */
export interface FanOut {
  tag: string;
  emails: string[];
  isOurs(address: string): boolean;
  /** Publishes the need (state + outbox event in one transaction); returns its id. */
  publish(): Promise<string>;
}

export async function prepareFanOut(ctx: TestContext, count: number): Promise<FanOut> {
  const tag = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword('Lingonsylt-och-kanelbulle-7');
  const now = new Date();
  const emails = Array.from({ length: count }, (_, i) => `fan-${tag}-${i}@test.behovstorget.se`);
  const users = await userModel(ctx.deps.mongo).insertMany(
    emails.map((email, i) => ({
      email,
      passwordHash,
      emailVerifiedAt: now,
      language: 'sv',
      name: `Fan ${i}`,
    })),
  );
  const filters = { q: '', cpvCodes: ['48000000'], regions: [], networkIds: [], stages: [] };
  await subscriptionModel(ctx.deps.mongo).insertMany(
    users.map((u, i) => ({
      userId: u._id,
      kind: 'search',
      name: `Programvara ${i}`,
      delivery: 'instant',
      active: true,
      filters,
      qWords: [],
      keys: lookupKeys('search', filters),
      nonce: randomBytes(12).toString('base64url'),
    })),
  );
  return {
    tag,
    emails,
    isOurs: (address) => address.startsWith(`fan-${tag}-`),
    async publish() {
      const need = await insertNeed(ctx, { title: `Behov ${tag}`, cpvCodes: ['48200000'] });
      await inTransaction(ctx.deps.mongo, (session) =>
        createOutbox(ctx.deps.mongo).record(session, [
          { type: 'need.published', payload: { needId: need.id } },
        ]),
      );
      return need.id;
    },
  };
}

export interface DeliveryCounts {
  total: number;
  sent: number;
  failed: number;
  inFlight: number;
  uncertain: number;
}

export async function deliveryCounts(ctx: TestContext): Promise<DeliveryCounts> {
  const c = deliveryModel(ctx.deps.mongo).collection;
  const [total, sent, failed, uncertain] = await Promise.all([
    c.countDocuments(),
    c.countDocuments({ status: 'sent' }),
    c.countDocuments({ status: 'failed' }),
    c.countDocuments({ uncertain: true }),
  ]);
  return { total, sent, failed, inFlight: total - sent - failed, uncertain };
}

/**
 * Resolves once `expected` deliveries exist and every one is settled (sent or failed), the outbox
 * is relayed and no job waits or runs. Polls MongoDB and Redis: the counts are the events here.
 * A hang (a lost job) is caught by jest's timeout, with the last counts in `progress`.
 */
export async function waitForSettled(
  ctx: TestContext,
  expected: number,
  progress: (c: DeliveryCounts) => void = () => undefined,
): Promise<DeliveryCounts> {
  const outbox = outboxModel(ctx.deps.mongo);
  const settled = async (): Promise<DeliveryCounts | undefined> => {
    const counts = await deliveryCounts(ctx);
    progress(counts);
    if (counts.total < expected || counts.inFlight > 0) return undefined;
    const pending = await outbox.countDocuments({ status: 'pending' });
    const jobs = await Promise.all(
      ctx.deps.queues.all().map((q) => q.getJobCounts('waiting', 'active', 'prioritized')),
    );
    const busy = jobs.reduce((sum, j) => sum + Object.values(j).reduce((a, b) => a + b, 0), 0);
    return pending === 0 && busy === 0 ? counts : undefined;
  };
  let polls = 0;
  for (;;) {
    // While a replica set elects a primary the reads fail: that is a "not yet", not a result.
    const counts = await settled().catch((err: Error) => {
      if (++polls % 40 === 0) process.stdout.write(`[faults] still waiting: ${err.message}\n`);
      return undefined;
    });
    if (counts) return counts;
    await new Promise((r) => setTimeout(r, 250));
  }
}
