import { runSeed } from '../../scripts/seed/run.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { ocdsValidators } from '../helpers/ocds-schema.js';

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

  it('when seeded, then every public demo need has OCDS releases that pass the official schema, without personal data', async () => {
    await runSeed(ctx.deps, { ifEmpty: true });
    const validate = ocdsValidators();
    const needs = await ctx.deps.mongo
      .collection('needs')
      .find({ status: { $in: ['published', 'closed'] }, hidden: false }, { projection: { _id: 1 } })
      .toArray();

    expect(needs.length).toBeGreaterThan(0);
    for (const { _id } of needs) {
      const res = await ctx.http().get(`/api/ocds/needs/${String(_id)}/releases`);
      expect(res.status).toBe(200);
      expect(validate.releasePackage(res.body)).toEqual([]);
      for (const r of res.body.releases) expect(validate.release(r)).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain('@');
    }
  });
});
