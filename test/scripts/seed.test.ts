import { runSeed } from '../../scripts/seed/run.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('demo data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when seeded, then the demo shows networks, organisations and logins; a second run with --if-empty does nothing', async () => {
    const first = await runSeed(ctx.deps, { ifEmpty: true });
    const usersAfterFirst = await ctx.deps.mongo.collection('users').countDocuments();

    const second = await runSeed(ctx.deps, { ifEmpty: true });

    expect(first.skipped).toBe(false);
    expect(first.logins.map((l) => l.role)).toEqual(expect.arrayContaining(['Platform admin']));
    expect(second.skipped).toBe(true);
    expect(await ctx.deps.mongo.collection('users').countDocuments()).toBe(usersAfterFirst);
    const networks = await ctx.http().get('/api/networks');
    expect(networks.status).toBe(200);
    expect(networks.body.items.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining([
        'Beställarnätverket för välfärdsteknik',
        'Nätverket för fossilfria transporter',
      ]),
    );
    const pending = await ctx.deps.mongo.collection('organisations').countDocuments({ status: 'pending' });
    expect(pending).toBeGreaterThanOrEqual(1);
  });
});
