import {
  CALIBRATION,
  CPV_DECAY,
  MATCH_WEIGHTS,
  cpvCloseness,
  scoreMatch,
  type ScoringSupplier,
} from '../../server/modules/matching/scoring.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';

/** A raw signal that rescales to `part` under the calibration (floor + part · (ceiling − floor)). */
const keywordFor = (part: number) =>
  CALIBRATION.keywordFloor + part * (CALIBRATION.keywordCeiling - CALIBRATION.keywordFloor);
const semanticFor = (part: number) =>
  CALIBRATION.semanticFloor + part * (CALIBRATION.semanticCeiling - CALIBRATION.semanticFloor);
/** Explanation lines: the text line comes first, then CPV, region, completeness. */
const CPV_LINE = 1;

const need = { cpvCodes: ['48200000'], regions: ['SE110'] };

function supplier(overrides: Partial<ScoringSupplier> = {}): ScoringSupplier {
  return {
    cpvCodes: ['48200000'],
    regions: ['SE110'],
    keyword: null,
    semantic: null,
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
    expect(result.explanation.en[CPV_LINE]).toMatch(/^Your code 48210000 is under 48200000 \S/);
  });

  it('when the distance grows, then closeness decays and stops after four edges', () => {
    expect([0, 1, 2, 3, 4, 5, null].map((d) => cpvCloseness(d))).toEqual([1, 0.7, 0.49, 0.343, 0.2401, 0, 0]);
  });
});

describe('match scoring: explanations', () => {
  it('when the supplier code is under the need code, then the explanation says so with the label', () => {
    const result = scoreMatch({ cpvCodes: ['48000000'], regions: [] }, supplier({ cpvCodes: ['48200000'] }));

    expect(result.explanation.en[CPV_LINE]).toBe(
      'Your code 48200000 is under 48000000 Software package and information systems.',
    );
    expect(result.explanation.sv[CPV_LINE]).toBe(
      'Din kod 48200000 ligger under 48000000 Programvara och informationssystem.',
    );
  });

  it('when the need code is under the supplier code, then the explanation names the supplier code', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['48000000'] }));

    expect(result.explanation.en[CPV_LINE]).toBe(
      'The need’s code 48200000 is under your code 48000000 Software package and information systems.',
    );
  });

  it('when the codes are siblings, then the explanation names the common parent', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['48300000'] }));

    expect(result.explanation.en[CPV_LINE]).toMatch(
      /^Your code 48300000 and the need’s code 48200000 are both under 48000000 /,
    );
    expect(result.explanation.sv[CPV_LINE]).toMatch(
      /^Din kod 48300000 och behovets kod 48200000 ligger båda under 48000000 /,
    );
  });

  it('when nothing is close, then the explanation says so', () => {
    const result = scoreMatch(need, supplier({ cpvCodes: ['72000000'] }));

    expect(result.explanation.en[CPV_LINE]).toBe('None of your CPV codes is close to the need’s codes.');
  });

  it('when the supplier serves the county, then the region is named in words, without its code', () => {
    const result = scoreMatch(need, supplier());

    expect(result.explanation.sv).toContain('Du levererar i Stockholms län.');
    expect(result.explanation.en).toContain('You deliver in Stockholm County.');
  });

  it('when buyers read the same match, then the explanation speaks about the supplier', () => {
    const result = scoreMatch(
      need,
      supplier({
        cpvCodes: ['48300000'],
        regions: ['SE'],
        keyword: keywordFor(0.7),
        evidence: {
          offerings: ['Digital nattillsyn'],
          reference: {
            buyerName: 'Örebro kommun',
            year: 2024,
            text: 'Nattillsyn med sensorer för 80 brukare.',
          },
        },
      }),
    );

    expect(result.buyerExplanation.en).toEqual([
      'Offers “Digital nattillsyn”, which answers the need.',
      'Reference: “Nattillsyn med sensorer för 80 brukare” for Örebro kommun (2024).',
      'The supplier’s code 48300000 and the need’s code 48200000 are both under 48000000 Software package and information systems.',
      'Delivers throughout Sweden.',
      'The profile is 75% complete.',
    ]);
    expect(result.buyerExplanation.sv).toEqual([
      'Erbjuder ”Digital nattillsyn”, som svarar mot behovet.',
      'Referens: ”Nattillsyn med sensorer för 80 brukare” för Örebro kommun (2024).',
      'Leverantörens kod 48300000 och behovets kod 48200000 ligger båda under 48000000 Programvara och informationssystem.',
      'Levererar i hela Sverige.',
      'Profilen är 75 % komplett.',
    ]);
    expect(result.explanation.sv[0]).toBe('Du erbjuder ”Digital nattillsyn”, som svarar mot behovet.');
    expect(result.buyerExplanation.sv).toHaveLength(result.explanation.sv.length);
  });

  it('when the text fits by meaning but no offering or reference shares words, then it says so in plain words', () => {
    const result = scoreMatch(need, supplier({ semantic: semanticFor(0.9), keyword: null }));

    expect(result.buyerExplanation.sv[0]).toBe('Profilen beskriver samma sak som behovet, med andra ord.');
  });

  it('when the profile does not describe the need, then the explanation says that first', () => {
    const result = scoreMatch(need, supplier());

    expect(result.explanation.en[0]).toBe('Your profile does not describe what the need is about.');
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

    expect(result.explanation.en).toContain('You deliver throughout Sweden.');
    expect(result.explanation.sv).toContain('Du levererar i hela Sverige.');
    expect(result.explanation.sv.join(' ')).not.toMatch(/\bSE\b/);
  });

  it('when the supplier serves only a part of the need region, then the fit is partial', () => {
    const result = scoreMatch({ cpvCodes: ['48200000'], regions: ['SE1'] }, supplier({ regions: ['SE110'] }));

    expect(result.parts.region).toBe(0.5);
    expect(result.explanation.en).toContain('You deliver in Stockholm County, part of Eastern Sweden.');
  });

  it('when the need has two regions and the supplier serves one, then the fit is the share served', () => {
    const result = scoreMatch(
      { cpvCodes: ['48200000'], regions: ['SE110', 'SE121'] },
      supplier({ regions: ['SE110'] }),
    );

    expect(result.parts.region).toBe(0.5);
    expect(result.explanation.en).toContain('You do not deliver in Uppsala County.');
  });

  it('when the need has no region, then every supplier fits', () => {
    const result = scoreMatch({ cpvCodes: ['48200000'], regions: [] }, supplier({ regions: [] }));

    expect(result.parts.region).toBe(1);
  });
});

describe('match scoring: total', () => {
  it('when every part is known, then the score is the weighted sum and the weights add up to 1', () => {
    // Arrange
    const s = supplier({
      cpvCodes: ['48210000'],
      regions: ['SE'],
      keyword: keywordFor(0.5),
      semantic: semanticFor(1),
    });

    // Act
    const result = scoreMatch(need, s);

    // Assert
    const text = CALIBRATION.semanticShare * 1 + (1 - CALIBRATION.semanticShare) * 0.5;
    expect(Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(result.parts).toEqual({
      text: expect.closeTo(text, 4),
      cpv: 0.7,
      region: 1,
      completeness: 0.75,
      keyword: expect.closeTo(0.5, 4),
      semantic: 1,
    });
    expect(result.weights).toEqual(MATCH_WEIGHTS);
    const w = MATCH_WEIGHTS;
    expect(result.score).toBeCloseTo(w.text * text + w.cpv * 0.7 + w.region * 1 + w.completeness * 0.75, 4);
    expect(result.explanation.en).toContain('Your profile is 75% complete.');
  });

  it('when there is no vector, then the text part is the keyword signal alone', () => {
    const result = scoreMatch(need, supplier({ keyword: keywordFor(0.6), semantic: null }));

    expect(result.parts.text).toBeCloseTo(0.6, 4);
    expect(result.parts.semantic).toBeUndefined();
  });

  it('when signals are below their floors, then they count nothing; above their ceilings, fully', () => {
    const low = scoreMatch(need, supplier({ keyword: CALIBRATION.keywordFloor / 2, semantic: 0.1 }));
    const high = scoreMatch(need, supplier({ keyword: 1, semantic: 1 }));

    expect(low.parts.text).toBe(0);
    expect(high.parts.text).toBe(1);
  });

  it('when a perfect supplier is scored, then the score is 1; an unrelated one scores only on completeness', () => {
    const perfect = scoreMatch(need, supplier({ keyword: 1, semantic: 1, completeness: { a: true } }));
    const unrelated = scoreMatch(
      need,
      supplier({ cpvCodes: ['72000000'], regions: ['NO'], completeness: { a: true } }),
    );

    expect(perfect.score).toBe(1);
    expect(unrelated.score).toBe(MATCH_WEIGHTS.completeness);
  });

  it('when a supplier has the same code and region but a profile about something else, then it stays below the default threshold', () => {
    const sameCodeOnly = scoreMatch(need, supplier({ keyword: 0, semantic: 0, completeness: { a: true } }));

    expect(sameCodeOnly.score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });

  it('when the same inputs are scored twice, then the results are identical', () => {
    const s = supplier({
      cpvCodes: ['48300000', '48210000'],
      regions: ['SE11', 'SE121'],
      keyword: 0.5,
    });

    expect(scoreMatch(need, s)).toEqual(scoreMatch(need, s));
  });
});
