import { createMatchingService } from '../../server/modules/matching/matching.service.js';
import { MATCH_WEIGHTS } from '../../server/modules/matching/scoring.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import {
  createNetwork,
  createOrganisation,
  type TestNetwork,
  type TestOrganisation,
} from '../helpers/factories.js';
import { insertNeed, insertSuppliers } from '../workers/matching-fixtures.js';

describe('matches API', () => {
  let ctx: TestContext;
  let network: TestNetwork;
  let supplier: TestOrganisation;
  let needId: string;
  let member: LoggedIn;

  beforeAll(async () => {
    ctx = await createTestContext();
    const coordinator = await createOrganisation(ctx, { kind: 'buyer' });
    network = await createNetwork(ctx, { coordinator, approved: true });
    supplier = await createOrganisation(ctx, { kind: 'supplier' });
    await insertSuppliers(ctx, [
      { id: supplier.id, name: supplier.name, cpvCodes: ['48210000'], regions: ['SE110'] },
      { name: 'Nationell AB', cpvCodes: ['48000000'], regions: ['SE'] },
      { name: 'Syskon Uppsala', cpvCodes: ['48300000'], regions: ['SE12'] },
    ]);
    needId = (await insertNeed(ctx, { networkId: network.id, cpvCodes: ['48200000'], regions: ['SE1'] })).id;
    await createMatchingService(ctx.deps).matchNeed(needId);
    member = await loginAs(ctx, coordinator.owner);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when a network member asks, then the matches come best first with parts and explanations', async () => {
    const res = await member.bearer(ctx.http().get(`/api/needs/${needId}/matches`));

    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const scores = res.body.items.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(res.body.items[0]).toMatchObject({
      supplierName: 'Nationell AB',
      parts: { cpv: 0.7, region: 1 },
      weights: MATCH_WEIGHTS,
    });
    expect(res.body.items[0].explanation.en).toEqual(
      expect.arrayContaining([
        'The need’s code 48200000 is under the supplier’s code 48000000 Software package and information systems.',
        'Delivers throughout Sweden.',
      ]),
    );
  });

  it('when no supplier reaches the network’s threshold, then the page says there are no strong matches yet', async () => {
    const res = await member.bearer(ctx.http().get(`/api/needs/${needId}/matches`));

    expect(res.body).toMatchObject({
      threshold: DEFAULT_MATCH_THRESHOLD,
      strongTotal: 0,
      noStrongMatches: true,
    });
    expect(res.body.items.every((m: { strong: boolean }) => !m.strong)).toBe(true);
  });

  it('when the coordinator changes the network’s threshold, then it is shown and decides which matches are strong; values outside 0.1–0.9 are refused', async () => {
    const lowest = (await member.bearer(ctx.http().get(`/api/needs/${needId}/matches`))).body.items.at(
      -1,
    ).score;

    const changed = await member.bearer(
      ctx.http().patch(`/api/networks/${network.id}`).send({ matchThreshold: 0.1 }),
    );
    const refused = await member.bearer(
      ctx.http().patch(`/api/networks/${network.id}`).send({ matchThreshold: 1.5 }),
    );
    const page = await member.bearer(ctx.http().get(`/api/needs/${needId}/matches`));
    const shown = await member.bearer(ctx.http().get(`/api/networks/${network.id}`));
    await member.bearer(
      ctx.http().patch(`/api/networks/${network.id}`).send({ matchThreshold: DEFAULT_MATCH_THRESHOLD }),
    );

    expect(changed.status).toBe(200);
    expect(changed.body.matchThreshold).toBe(0.1);
    expect(shown.body.matchThreshold).toBe(0.1);
    expect(refused.status).toBe(400);
    expect(lowest).toBeGreaterThan(0.1);
    expect(page.body).toMatchObject({ threshold: 0.1, strongTotal: 3, noStrongMatches: false });
  });

  it('when the list is filtered by score, region and size, then only those come', async () => {
    const res = await member.bearer(ctx.http().get(`/api/needs/${needId}/matches?region=SE12&minScore=0.6`));

    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { supplierName: string }) => m.supplierName)).toEqual([]);
    const all = await member.bearer(
      ctx.http().get(`/api/needs/${needId}/matches?region=SE12&size=small,micro`),
    );
    const large = await member.bearer(ctx.http().get(`/api/needs/${needId}/matches?size=large`));
    expect(all.body.items.map((m: { supplierName: string }) => m.supplierName)).toEqual(['Syskon Uppsala']);
    expect(large.body.total).toBe(0);
  });

  it('when someone outside the network asks, then they are refused; anonymous callers must log in', async () => {
    const outsider = await loginAs(ctx, supplier.owner);

    const refused = await outsider.bearer(ctx.http().get(`/api/needs/${needId}/matches`));
    const anonymous = await ctx.http().get(`/api/needs/${needId}/matches`);
    const missing = await member.bearer(ctx.http().get('/api/needs/0123456789abcdef01234567/matches'));

    expect(refused.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(missing.status).toBe(404);
  });

  it('when a supplier asks for its matches, then it sees the need with the explanation; others see none', async () => {
    const mine = await (await loginAs(ctx, supplier.owner)).bearer(ctx.http().get('/api/me/matches'));
    const stranger = await (
      await loginAs(ctx, await createUser(ctx))
    ).bearer(ctx.http().get('/api/me/matches'));

    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      needId,
      supplierId: supplier.id,
      open: true,
      parts: { cpv: 0.7 },
    });
    expect(mine.body.items[0].explanation.sv).toContain(
      'Du levererar i Stockholms län, en del av Östra Sverige.',
    );
    expect(stranger.body).toMatchObject({ items: [], total: 0 });
  });
});
