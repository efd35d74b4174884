import mongoose from 'mongoose';
import { subscriptionModel } from '../../server/modules/subscriptions/subscription.model.js';
import { createSubscriptionsRepository } from '../../server/modules/subscriptions/subscriptions.repository.js';
import { createSubscriptionsService } from '../../server/modules/subscriptions/subscriptions.service.js';
import {
  needTextForSearches,
  searchMatchesNeed,
  type LookupNeed,
} from '../../server/modules/subscriptions/subscription-keys.js';
import type { SubscriptionTarget } from '../../server/modules/subscriptions/subscriptions.repository.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import { createUser, uniqueEmail } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

/**
 * The notifier's path for a new need, on the real database: the lookup finds the saved searches
 * whose filters the need satisfies, then each one's words are checked against the analysed need
 * (matching.service.ts does exactly these two steps before it sends anything).
 */
describe('saved searches hear of needs through the text analysis', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
  });

  async function saveSearch(q: string) {
    const user = await createUser(ctx, { email: uniqueEmail('analysis'), language: 'sv' });
    const principal: Principal = {
      userId: user.id,
      sessionId: 'test',
      email: user.email,
      emailVerified: true,
      isAdmin: false,
      language: 'sv',
      via: 'bearer',
    };
    return createSubscriptionsService(ctx.deps).create(principal, {
      kind: 'search',
      name: q,
      delivery: 'instant',
      filters: { q, cpvCodes: [], regions: [], networkIds: [], stages: [] },
    } as never);
  }

  /** Names of the saved searches that hear of a need with this title. */
  async function hearing(title: string): Promise<string[]> {
    const need: LookupNeed = {
      networkId: new mongoose.Types.ObjectId().toString(),
      cpvAll: ['48000000', '48200000'],
      regions: ['SE110'],
      regionsAll: ['NORDICS', 'SE', 'SE1', 'SE11', 'SE110'],
      stage: 'market_dialogue',
      text: '',
    };
    const text = needTextForSearches(
      title,
      'Kommunen vill ha hjälp under året.',
      'Lösningen ska vara enkel.',
    );
    const found: SubscriptionTarget[] = [];
    await createSubscriptionsRepository(ctx.deps.mongo).satisfiedBy(need, async (batch) => {
      found.push(...batch.filter((s) => searchMatchesNeed(s, text)));
    });
    return found.map((s) => s.name).sort();
  }

  it('when a saved search names a part, an inflected form or a synonym, then it hears of the need; an unrelated one does not', async () => {
    for (const q of ['skog', 'planer', 'skogsbruk', 'simhall', 'swimming pool', 'bil', 'skog bil'])
      await saveSearch(q);

    expect(await hearing('Ny skogsbruksplan för kommunens skogar')).toEqual(['planer', 'skog', 'skogsbruk']);
    expect(await hearing('Energieffektivt badhus')).toEqual(['simhall', 'swimming pool']);
    expect(await hearing('Digitala fordon')).toEqual([]);
  });

  it('when a search is saved, then its words are stored folded with the term of each word', async () => {
    const created = await saveSearch('Skogar och Simhallen');

    const stored = await subscriptionModel(ctx.deps.mongo).findById(created.id).lean();
    expect(stored?.qWords).toEqual(['skogar', 'och', 'simhallen']);
    expect(stored?.qTerms).toEqual(['skog', 'och', 'badhus']);
  });

  it('when a saved search was stored before the analysis (no terms), then its words still match as prefixes', async () => {
    const old = await saveSearch('skogsbruk');
    await subscriptionModel(ctx.deps.mongo).updateOne({ _id: old.id }, { $unset: { qTerms: 1 } });

    expect(await hearing('Skogsbruksplan för naturreservat')).toEqual(['skogsbruk']);
    expect(await hearing('Ny plan för skogsbruk')).toEqual(['skogsbruk']);
    expect(await hearing('Energieffektivt badhus')).toEqual([]);
  });
});
