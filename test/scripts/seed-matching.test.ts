import { matchModel } from '../../server/modules/matching/match.model.js';
import { createMatchingService } from '../../server/modules/matching/matching.service.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';
import { runSeed } from '../../scripts/seed/run.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { embedSuppliers } from '../workers/matching-fixtures.js';

// The demo data as `npm run dev` loads it, matched by the real matcher with the real embedder:
// what a coordinator sees first on the demo's "Matchningar" pages (issue 13, item 7).
describe('demo data matching', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await runSeed(ctx.deps, { ifEmpty: true });
    const profiles = await ctx.deps.mongo
      .collection('supplier_profiles')
      .find({ status: 'approved' }, { projection: { _id: 1 } })
      .toArray();
    await embedSuppliers(
      ctx,
      profiles.map((p) => String(p._id)),
    );
  }, 240_000); // the real embedder on a shared 2-core machine

  afterAll(async () => {
    await ctx.close();
  });

  async function ranking(title: string) {
    const need = await ctx.deps.mongo.collection('needs').findOne({ title, status: 'published' });
    expect(need).not.toBeNull();
    const id = String(need!._id);
    await createMatchingService(ctx.deps).matchNeed(id);
    const rows = await matchModel(ctx.deps.mongo).find({ needId: id }).sort({ score: -1 }).lean();
    return rows;
  }

  it('when the night-supervision need is matched, then Trygg Natt Teknik comes first and strong, though it picked other CPV codes', async () => {
    const rows = await ranking('Digital tillsyn nattetid i hemtjänsten');

    expect(rows[0]?.supplierName).toBe('Trygg Natt Teknik');
    expect(rows[0]!.parts.cpv).toBe(0);
    expect(rows[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
  }, 120_000);

  it('when the Swedish fleet-charging need is matched, then the English profile of Fleetwise Energy is found by its words and meaning, whatever its codes', async () => {
    const rows = await ranking('Styrd laddning för kommunala fordonsflottor');

    const fleetwise = rows.findIndex((r) => r.supplierName === 'Fleetwise Energy');
    expect(fleetwise).toBeGreaterThanOrEqual(0);
    expect(fleetwise).toBeLessThan(3);
    // Its codes (48000000, 72000000) are in other divisions than the need's (31, 71): the
    // thesaurus ("charging" = laddning, "fleet" = fordonsflotta) and the embedding found it.
    expect(rows[fleetwise]!.parts).toMatchObject({ cpv: 0 });
    expect(rows[fleetwise]!.parts.keyword).toBeGreaterThan(0);
    expect(rows[fleetwise]!.parts.semantic).toBeGreaterThan(0);
  }, 120_000);
});
