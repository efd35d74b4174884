import {
  CPV_DECAY,
  MATCH_WEIGHTS,
  cpvCloseness,
  scoreMatch,
  type ScoringSupplier,
} from '../../server/modules/matching/scoring.js';

const need = { cpvCodes: ['48200000'], regions: ['SE110'] };

function supplier(overrides: Partial<ScoringSupplier> = {}): ScoringSupplier {
  return {
    cpvCodes: ['48200000'],
    regions: ['SE110'],
    textRelevance: null,
    completeness: { description: true, offerings: true, references: false, contact: true },
    ...overrides,
  };
}

describe('match scoring: CPV closeness', () => {
  it.each([
    ['the same code', ['48200000'], 1],
    ['a parent code (the need is under the supplier)', ['48000000'], CPV_DECAY],
    ['a child code (the supplier is under the need)', ['48210000'], CPV_DECAY],
    ['a sibling code', ['48300000'], 0.49],
    ['an unrelated code in another division', ['72000000'], 0],
  ])('when the supplier has %s (%s), then the cpv part is %d', (_what, cpvCodes, expected) => {
    // Act
    const result = scoreMatch(need, supplier({ cpvCodes }));

    // Assert
    expect(result.parts.cpv).toBeCloseTo(expected, 4);
  });

  it('when the supplier has several codes, then the closest pair counts', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['72000000', '48300000', '48210000'] }));

    expect(result.parts.cpv).toBeCloseTo(0.7, 4);
    expect(result.explanation.en[0]).toMatch(/^Your code 48210000 is under 48200000 \S/);
  });

  it('when the distance grows, then closeness decays and stops after four edges', () => {
    expect([0, 1, 2, 3, 4, 5, null].map((d) => cpvCloseness(d))).toEqual([1, 0.7, 0.49, 0.343, 0.2401, 0, 0]);
  });
});

describe('match scoring: explanations', () => {
  it('when the supplier code is under the need code, then the explanation says so with the label', () => {
    const result = scoreMatch({ cpvCodes: ['48000000'], regions: [] }, supplier({ cpvCodes: ['48200000'] }));

    expect(result.explanation.en[0]).toBe(
      'Your code 48200000 is under 48000000 Software package and information systems.',
    );
    expect(result.explanation.sv[0]).toBe(
      'Din kod 48200000 ligger under 48000000 Programvara och informationssystem.',
    );
  });

  it('when the need code is under the supplier code, then the explanation names the supplier code', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['48000000'] }));

    expect(result.explanation.en[0]).toBe(
      'The need’s code 48200000 is under your code 48000000 Software package and information systems.',
    );
  });

  it('when the codes are siblings, then the explanation names the common parent', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['48300000'] }));

    expect(result.explanation.en[0]).toMatch(
      /^Your code 48300000 and the need’s code 48200000 are both under 48000000 /,
    );
    expect(result.explanation.sv[0]).toMatch(
      /^Din kod 48300000 och behovets kod 48200000 ligger båda under 48000000 /,
    );
  });

  it('when nothing is close, then the explanation says so', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['72000000'] }));

    expect(result.explanation.en[0]).toBe('None of your CPV codes is close to the need’s codes.');
  });

  it('when the supplier serves the county, then it says "You serve SE110 Stockholms län" in Swedish terms', () => {
    const result = scoreMatch(need, supplier());

    expect(result.explanation.sv).toContain('Du levererar i SE110 Stockholms län.');
    expect(result.explanation.en).toContain('You serve SE110 Stockholm County.');
  });

  it('when buyers read the same match, then the explanation speaks about the supplier', () => {
    const result = scoreMatch(
      need,
      supplier({ cpvCodes: ['48300000'], regions: ['SE'], textRelevance: 0.7 }),
    );

    expect(result.buyerExplanation.en).toEqual([
      'The supplier’s code 48300000 and the need’s code 48200000 are both under 48000000 Software package and information systems.',
      'Serves all of SE Sweden (national coverage).',
      'The supplier’s profile text closely matches the need’s description.',
      'The profile is 75% complete.',
    ]);
    expect(result.buyerExplanation.sv[1]).toBe('Levererar i hela SE Sverige (nationell täckning).');
    expect(result.buyerExplanation.sv).toHaveLength(result.explanation.sv.length);
  });
});

describe('match scoring: region fit', () => {
  it.each([
    ['the same county', ['SE110'], 1],
    ['the whole country (national coverage)', ['SE'], 1],
    ['the Nordics', ['NORDICS'], 1],
    ['another county', ['SE121'], 0],
    ['Norway only', ['NO'], 0],
  ])('when the supplier serves %s (%s), then the region part is %d', (_what, regions, expected) => {
    const result = scoreMatch(need, supplier({ regions }));

    expect(result.parts.region).toBe(expected);
  });

  it('when the supplier covers the country, then the explanation says national coverage', () => {
    const result = scoreMatch(need, supplier({ regions: ['SE'] }));

    expect(result.explanation.en).toContain('You serve all of SE Sweden (national coverage).');
    expect(result.explanation.sv).toContain('Du levererar i hela SE Sverige (nationell täckning).');
  });

  it('when the supplier serves only a part of the need region, then the fit is partial', () => {
    const result = scoreMatch({ cpvCodes: ['48200000'], regions: ['SE1'] }, supplier({ regions: ['SE110'] }));

    expect(result.parts.region).toBe(0.5);
    expect(result.explanation.en).toContain('You serve SE110 Stockholm County, part of SE1 Eastern Sweden.');
  });

  it('when the need has two regions and the supplier serves one, then the fit is the share served', () => {
    const result = scoreMatch(
      { cpvCodes: ['48200000'], regions: ['SE110', 'SE121'] },
      supplier({ regions: ['SE110'] }),
    );

    expect(result.parts.region).toBe(0.5);
    expect(result.explanation.en).toContain('You do not serve SE121 Uppsala County.');
  });

  it('when the need has no region, then every supplier fits', () => {
    const result = scoreMatch({ cpvCodes: ['48200000'], regions: [] }, supplier({ regions: [] }));

    expect(result.parts.region).toBe(1);
  });
});

describe('match scoring: total', () => {
  it('when every part is known, then the score is the weighted sum and the weights add up to 1', () => {
    // Arrange
    const s = supplier({ cpvCodes: ['48210000'], regions: ['SE'], textRelevance: 0.8 });

    // Act
    const result = scoreMatch(need, s);

    // Assert
    expect(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(result.parts).toEqual({ cpv: 0.7, region: 1, text: 0.8, completeness: 0.75 });
    expect(result.weights).toEqual(MATCH_WEIGHTS);
    expect(result.score).toBeCloseTo(0.5 * 0.7 + 0.2 * 1 + 0.2 * 0.8 + 0.1 * 0.75, 4);
    expect(result.explanation.en).toContain('Your profile text closely matches the need’s description.');
    expect(result.explanation.en).toContain('Your profile is 75% complete.');
  });

  it('when a perfect supplier is scored, then the score is 1; an unrelated one scores only on completeness', () => {
    const perfect = scoreMatch(need, supplier({ textRelevance: 1, completeness: { a: true } }));
    const unrelated = scoreMatch(
      need,
      supplier({ cpvCodes: ['72000000'], regions: ['NO'], completeness: { a: true } }),
    );

    expect(perfect.score).toBe(1);
    expect(unrelated.score).toBe(0.1);
  });

  it('when the same inputs are scored twice, then the results are identical', () => {
    const s = supplier({
      cpvCodes: ['48300000', '48210000'],
      regions: ['SE11', 'SE121'],
      textRelevance: 0.3,
    });

    expect(scoreMatch(need, s)).toEqual(scoreMatch(need, s));
  });
});
