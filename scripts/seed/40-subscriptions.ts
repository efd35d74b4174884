import type { Principal } from '../../server/platform/auth/principal.js';
import { createSubscriptionsService } from '../../server/modules/subscriptions/subscriptions.service.js';
import type { SeedStep } from './types.js';

/**
 * The demo supplier's subscriptions, through the subscriptions service: needs matched to the
 * profile (instant), a saved search (daily digest), a followed network (weekly) and a followed
 * need (instant change alerts).
 */
export const subscriptionsSeed: SeedStep = {
  name: 'subscriptions (saved searches and follows of the demo supplier)',
  async run(ctx) {
    const service = createSubscriptionsService(ctx.deps);
    const userId = ctx.ref('user:supplier');
    const principal: Principal = {
      userId,
      sessionId: 'seed',
      email: 'hanna.vinter@vardappen.demo.behovstorget.se',
      emailVerified: true,
      isAdmin: false,
      language: 'sv',
      via: 'bearer',
    };
    await service.create(principal, {
      kind: 'profile',
      organisationId: ctx.ref('org:supplier:vardappen'),
      minScore: 0.4,
      delivery: 'instant',
      name: 'Behov som matchar Vårdappens profil',
    });
    await service.create(principal, {
      kind: 'search',
      name: 'Digitala vårdtjänster i Stockholm',
      delivery: 'daily',
      filters: {
        q: 'digital',
        cpvCodes: ['48000000', '85000000'],
        regions: ['SE110'],
        networkIds: [],
        stages: [],
      },
    });
    const network = ctx.refs.get('network:valfardsteknik');
    if (network) await service.create(principal, { kind: 'network', networkId: network, delivery: 'weekly' });
    const need = await ctx.deps.mongo
      .collection('needs')
      .findOne(
        { status: 'published', hidden: { $ne: true } },
        { sort: { publishedAt: -1 }, projection: { _id: 1 } },
      );
    if (need)
      await service.create(principal, { kind: 'need', needId: String(need._id), delivery: 'instant' });
    ctx.log(
      `4 subscriptions for the demo supplier (profile matches, a saved search, a network${need ? ', a need' : ''})`,
    );
  },
};
