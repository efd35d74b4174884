import { matchModel } from '../../server/modules/matching/match.model.js';
import { createMatchingService } from '../../server/modules/matching/matching.service.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { embedSuppliers, insertNeed, insertSuppliers } from './matching-fixtures.js';
import { NIGHT_NEED, NIGHT_SUPPLIERS, SNOW_NEED } from './matching-relevance.fixtures.js';

describe('matching by meaning', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
    const ids = await insertSuppliers(ctx, NIGHT_SUPPLIERS);
    await embedSuppliers(ctx, Object.values(ids));
  }, 120_000); // the real embedder on a shared 2-core machine
  afterAll(async () => {
    await ctx.close();
  });

  async function ranked(needId: string) {
    return matchModel(ctx.deps.mongo).find({ needId }).sort({ score: -1 }).lean();
  }

  it('when a supplier’s profile describes the need but its codes are in other divisions, then it is a candidate, first and above the threshold', async () => {
    // Arrange
    const need = await insertNeed(ctx, NIGHT_NEED);

    // Act
    const result = await createMatchingService(ctx.deps).matchNeed(need.id);

    // Assert
    expect(result.status).toBe('matched');
    const rows = await ranked(need.id);
    expect(rows[0]?.supplierName).toBe('Trygg Natt Teknik');
    expect(rows[0]!.parts.cpv).toBe(0);
    expect(rows[0]!.parts.text).toBeGreaterThan(0.5);
    expect(rows[0]!.parts.semantic).toBeGreaterThan(0);
    expect(rows[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
  });

  it('when suppliers share the need’s code or division but do something else, then they rank below the threshold', async () => {
    const need = await insertNeed(ctx, NIGHT_NEED);

    await createMatchingService(ctx.deps).matchNeed(need.id);

    const rows = await ranked(need.id);
    const byName = new Map(rows.map((r) => [r.supplierName, r]));
    // The same code (35120000), national coverage: a code candidate with the full CPV part.
    expect(byName.get('Vakt & Larm Bevakning')?.parts.cpv).toBe(1);
    const weak = ['Vakt & Larm Bevakning', 'Skolplattformen', 'Menyvärket'].map((name) => [
      name,
      (byName.get(name)?.score ?? 0) < DEFAULT_MATCH_THRESHOLD,
    ]);
    expect(weak).toEqual([
      ['Vakt & Larm Bevakning', true],
      ['Skolplattformen', true],
      ['Menyvärket', true],
    ]);
    expect(rows.filter((r) => r.score >= DEFAULT_MATCH_THRESHOLD).map((r) => r.supplierName)).toEqual([
      'Trygg Natt Teknik',
    ]);
  });

  it('when the match is explained, then it names the offering, the reference and the region in words', async () => {
    const need = await insertNeed(ctx, NIGHT_NEED);

    await createMatchingService(ctx.deps).matchNeed(need.id);

    const [best] = await ranked(need.id);
    expect(best?.buyerExplanation?.sv).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Erbjuder ”Digital nattillsyn”/),
        'Referens: ”Digital nattillsyn i hemtjänsten för 120 brukare” för Örebro kommun (2024).',
        'Levererar i hela Sverige.',
      ]),
    );
    expect(best?.explanation.en).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^You offer “Digital nattillsyn”/),
        'Reference: “Digital nattillsyn i hemtjänsten för 120 brukare” for Örebro kommun (2024).',
        'You deliver throughout Sweden.',
      ]),
    );
    expect(best?.buyerExplanation?.sv.join(' ')).not.toContain('SE Sverige');
  });

  it('when no supplier can serve a need, then no match reaches the threshold', async () => {
    const need = await insertNeed(ctx, SNOW_NEED);

    await createMatchingService(ctx.deps).matchNeed(need.id);

    const rows = await ranked(need.id);
    expect(rows.filter((r) => r.score >= DEFAULT_MATCH_THRESHOLD)).toEqual([]);
  });
});
