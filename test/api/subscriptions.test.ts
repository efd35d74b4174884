import { createUser, loginAs, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { subscriptionModel } from '../../server/modules/subscriptions/subscription.model.js';
import { unsubscribeTokenFor } from '../../server/modules/subscriptions/subscriptions.service.js';
import { createSubscriptionsRepository } from '../../server/modules/subscriptions/subscriptions.repository.js';

describe('subscriptions API', () => {
  let ctx: TestContext;
  let me: LoggedIn;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
    me = await loginAs(ctx, await createUser(ctx, { language: 'en' }));
  });

  async function saveSearch(body: Record<string, unknown> = {}) {
    const res = await me.bearer(ctx.http().post('/api/subscriptions')).send({
      kind: 'search',
      delivery: 'daily',
      filters: {
        q: 'Vårdplanering',
        cpvCodes: ['48200000-6'],
        regions: ['se110'],
        stages: ['market_dialogue'],
      },
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string; filters: Record<string, unknown> };
  }

  it('when a supplier saves a search, then it is listed with canonical filters and indexed lookup keys', async () => {
    // Act
    const created = await saveSearch();
    const list = await me.bearer(ctx.http().get('/api/subscriptions'));

    // Assert
    expect(created.filters).toEqual({
      q: 'Vårdplanering',
      cpvCodes: ['48200000'],
      regions: ['SE110'],
      networkIds: [],
      stages: ['market_dialogue'],
    });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: created.id,
      kind: 'search',
      delivery: 'daily',
      active: true,
    });
    const stored = await subscriptionModel(ctx.deps.mongo).findById(created.id).lean();
    expect(stored?.keys).toEqual({
      cpv: ['48200000'],
      region: ['SE110'],
      regionUp: ['NORDICS', 'SE', 'SE1', 'SE11'],
      network: ['*'],
      stage: ['market_dialogue'],
    });
    expect(stored?.qWords).toEqual(['vardplanering']);
  });

  it('when the owner changes the delivery mode and filters, then the lookup keys follow', async () => {
    const created = await saveSearch();

    const res = await me
      .bearer(ctx.http().patch(`/api/subscriptions/${created.id}`))
      .send({ delivery: 'weekly', filters: { cpvCodes: ['72000000'] } });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      delivery: 'weekly',
      filters: { q: '', cpvCodes: ['72000000'], regions: [] },
    });
    const stored = await subscriptionModel(ctx.deps.mongo).findById(created.id).lean();
    expect(stored?.keys.region).toEqual(['*']);
  });

  it('when another user touches my subscription, then it is not found; when I delete it, it is gone', async () => {
    const created = await saveSearch();
    const other = await loginAs(ctx, await createUser(ctx));

    const patch = await other
      .bearer(ctx.http().patch(`/api/subscriptions/${created.id}`))
      .send({ delivery: 'weekly' });
    const removeByOther = await other.bearer(ctx.http().delete(`/api/subscriptions/${created.id}`));
    const remove = await me.bearer(ctx.http().delete(`/api/subscriptions/${created.id}`));

    expect(patch.status).toBe(404);
    expect(removeByOther.status).toBe(404);
    expect(remove.status).toBe(204);
    expect(await subscriptionModel(ctx.deps.mongo).countDocuments()).toBe(0);
  });

  it('when the input is invalid or the user is anonymous, then the answer says why', async () => {
    const bad = await me
      .bearer(ctx.http().post('/api/subscriptions'))
      .send({ kind: 'search', delivery: 'hourly', filters: { cpvCodes: ['12345678'], regions: ['XX'] } });
    const anonymous = await ctx.http().get('/api/subscriptions');

    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'delivery',
      'filters.cpvCodes.0',
      'filters.regions.0',
    ]);
    expect(anonymous.status).toBe(401);
  });

  describe('unsubscribe', () => {
    async function tokenOf(id: string) {
      const s = await createSubscriptionsRepository(ctx.deps.mongo).findById(id);
      return unsubscribeTokenFor(ctx.config, s!);
    }

    it('when the link is opened, then a confirmation page is shown and nothing changes', async () => {
      const created = await saveSearch({ name: 'Vård i Stockholm' });
      const token = await tokenOf(created.id);

      const res = await ctx.http().get(`/api/unsubscribe?token=${token}`).set('Accept', 'text/html');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain('Vård i Stockholm');
      expect(res.text).toContain(`action="/api/unsubscribe?token=${token}&amp;lang=en"`);
      expect((await subscriptionModel(ctx.deps.mongo).findById(created.id).lean())?.active).toBe(true);
    });

    it('when a mail provider posts List-Unsubscribe=One-Click, then the subscription is off, idempotently', async () => {
      const created = await saveSearch();
      const token = await tokenOf(created.id);

      const first = await ctx
        .http()
        .post(`/api/unsubscribe?token=${token}`)
        .type('form')
        .send('List-Unsubscribe=One-Click');
      const second = await ctx
        .http()
        .post(`/api/unsubscribe?token=${token}`)
        .type('form')
        .send('List-Unsubscribe=One-Click');

      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      const stored = await subscriptionModel(ctx.deps.mongo).findById(created.id).lean();
      expect(stored?.active).toBe(false);
      expect(stored?.unsubscribedAt).toBeInstanceOf(Date);
    });

    it('when the confirmation button is pressed in a browser, then an HTML receipt is shown', async () => {
      const created = await saveSearch({ name: 'Min sökning' });
      const token = await tokenOf(created.id);

      const res = await ctx
        .http()
        .post(`/api/unsubscribe?token=${token}&lang=sv`)
        .set('Accept', 'text/html')
        .type('form')
        .send('List-Unsubscribe=One-Click');

      expect(res.status).toBe(200);
      expect(res.text).toContain('Du får inte längre e-post om bevakningen ”Min sökning”');
    });

    it('when a logged-in browser posts the confirmation form (cookie, no CSRF header), then it still unsubscribes', async () => {
      const created = await saveSearch({ name: 'Inloggad' });
      const token = await tokenOf(created.id);

      const res = await me.agent
        .post(`/api/unsubscribe?token=${token}&lang=sv`)
        .set('X-CSRF-Token', '')
        .set('Accept', 'text/html')
        .type('form')
        .send('List-Unsubscribe=One-Click');

      expect(res.status).toBe(200);
      expect((await subscriptionModel(ctx.deps.mongo).findById(created.id).lean())?.active).toBe(false);
    });

    it('when the token is forged, truncated or its nonce rotated, then nothing changes', async () => {
      const created = await saveSearch();
      const token = await tokenOf(created.id);
      const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      await subscriptionModel(ctx.deps.mongo).updateOne({ _id: created.id }, { $set: { nonce: 'rotated' } });

      const results = await Promise.all(
        [forged, token, token.slice(0, 20)].map((t) => ctx.http().post(`/api/unsubscribe?token=${t}`).send()),
      );
      const page = await ctx.http().get(`/api/unsubscribe?token=${forged}`).set('Accept', 'text/html');

      expect(results.map((r) => r.status)).toEqual([404, 404, 404]);
      expect(page.status).toBe(404);
      expect(page.text).toContain('Länken fungerar inte');
      expect((await subscriptionModel(ctx.deps.mongo).findById(created.id).lean())?.active).toBe(true);
    });
  });
});
