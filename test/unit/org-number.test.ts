import { z } from 'zod';

import {
  generateNorwegianOrgNumber,
  generateSwedishOrgNumber,
  isValidOrgNumber,
  normaliseOrgNumber,
  orgCountrySchema,
  orgNumberSchema,
  refineOrgNumber,
  withCanonicalOrgNumber,
} from '../../server/modules/organisations/org-number.js';

/**
 * Reference checks written independently of the implementation (textbook formulations), so
 * that the tests do not use the code under test as their oracle.
 */
function referenceLuhnValid(tenDigits: string): boolean {
  // Classic Luhn: from the rightmost digit, double every second digit, sum the digits of the
  // products; valid when the total is a multiple of 10.
  let total = 0;
  [...tenDigits].reverse().forEach((ch, i) => {
    const n = Number(ch) * (i % 2 === 1 ? 2 : 1);
    total += Math.floor(n / 10) + (n % 10);
  });
  return total % 10 === 0;
}

function referenceMod11Valid(nineDigits: string): boolean {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(nineDigits[i]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return false; // check digit would be 10
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check === Number(nineDigits[8]);
}

/** Deterministic rng (mulberry32) so that generator tests are reproducible. */
function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('reference checks (hand-verified)', () => {
  it('when checking the hand-calculated examples, then the reference implementations agree', () => {
    // 212000-0142: first nine digits 2 1 2 0 0 0 0 1 4, weights 2 1 2 1 2 1 2 1 2
    //   products 4 1 4 0 0 0 0 1 8 → sum 18 → check (10 − 8) mod 10 = 2 ✓
    expect(referenceLuhnValid('2120000142')).toBe(true);
    // 556036-0793: products 10→1+0=1, 5, 12→1+2=3, 0, 6, 6, 0, 7, 18→1+8=9 → sum 37 → check 3 ✓
    expect(referenceLuhnValid('5560360793')).toBe(true);
    // 923609016: 9·3 + 2·2 + 3·7 + 6·6 + 0·5 + 9·4 + 0·3 + 1·2 = 27+4+21+36+0+36+0+2 = 126
    //   126 mod 11 = 5 → check 11 − 5 = 6 ✓
    expect(referenceMod11Valid('923609016')).toBe(true);
  });
});

describe('Swedish organisation numbers', () => {
  it.each([
    ['212000-0142', '212000-0142', 'canonical form'],
    ['2120000142', '212000-0142', 'ten digits without dash'],
    [' 212000 - 0142 ', '212000-0142', 'spaces around and inside'],
    ['16212000-0142', '212000-0142', '12 digits with the organisation prefix 16 and dash'],
    ['162120000142', '212000-0142', '12 digits with the organisation prefix 16'],
    ['556036-0793', '556036-0793', 'a limited company'],
    // 800101-1231 (personnummer form, sole trader): 8·2=16→7, 0, 0, 1, 0, 1, 1·2=2, 2, 3·2=6
    //   → 7+0+0+1+0+1+2+2+6 = 19 → check 1 ✓ (third digit 0: allowed, not a legal-entity rule)
    ['800101-1231', '800101-1231', 'a personnummer-based number'],
    ['19800101-1231', '800101-1231', 'a personnummer with century 19'],
    // 010101-1237: 0, 1, 0, 1, 0, 1, 1·2=2, 2, 3·2=6 → 13 → check 7 ✓
    ['200101011237', '010101-1237', 'a personnummer with century 20'],
  ])('when the input is %j, then it is valid as %s (%s)', (input, expected) => {
    // Act
    const result = normaliseOrgNumber('SE', input);

    // Assert
    expect(result).toEqual({ ok: true, value: expected });
    expect(referenceLuhnValid(expected.replace('-', ''))).toBe(true);
  });

  it.each([
    ['212000-0143', 'check-digit'],
    ['556036-0794', 'check-digit'],
    ['212000-0124', 'check-digit'], // two digits swapped
    ['21200-00142', 'format'],
    ['212000-014', 'format'],
    ['21200001422', 'format'],
    ['SE212000014201', 'format'],
    ['212000+0142', 'format'],
    ['abcdef-ghij', 'format'],
    ['18212000-0142', 'century'],
    ['552120000142', 'century'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('when the input is %j, then it is rejected with reason %s', (input, reason) => {
    const result = normaliseOrgNumber('SE', input);

    expect(result).toMatchObject({ ok: false, reason });
  });

  it('when the check digit is wrong, then the message says so', () => {
    const result = normaliseOrgNumber('SE', '212000-0143');

    expect(result).toEqual({
      ok: false,
      reason: 'check-digit',
      message: 'Invalid Swedish organisation number (check digit)',
    });
  });

  it('when a Norwegian number is checked as Swedish, then it is rejected', () => {
    expect(isValidOrgNumber('SE', '923609016')).toBe(false);
  });
});

describe('Norwegian organisation numbers', () => {
  it.each([
    ['923609016', '923609016', 'nine digits'],
    ['923 609 016', '923609016', 'grouped with spaces'],
    ['NO 923 609 016 MVA', '923609016', 'VAT form'],
    ['no923609016mva', '923609016', 'VAT form, lower case, no spaces'],
    // 974760673: 9·3+7·2+4·7+7·6+6·5+0·4+6·3+7·2 = 27+14+28+42+30+0+18+14 = 173
    //   173 mod 11 = 8 → check 11 − 8 = 3 ✓
    ['974760673', '974760673', 'another hand-checked number'],
    // 140000000: 1·3 + 4·2 = 11, 11 mod 11 = 0 → 11 − 0 = 11 → check 0 ✓
    ['140000000', '140000000', 'check digit 11 becomes 0'],
  ])('when the input is %j, then it is valid as %s (%s)', (input, expected) => {
    const result = normaliseOrgNumber('NO', input);

    expect(result).toEqual({ ok: true, value: expected });
    expect(referenceMod11Valid(expected)).toBe(true);
  });

  it.each([
    ['923609017', 'check-digit'],
    ['923609061', 'check-digit'],
    // 40000000x: 4·3 = 12, 12 mod 11 = 1 → 11 − 1 = 10: no check digit can make this valid
    ['400000000', 'check-digit'],
    ['400000001', 'check-digit'],
    ['92360901', 'format'],
    ['9236090160', 'format'],
    ['923-609-016', 'format'],
    ['NO 923 609 016', 'format'],
    ['', 'empty'],
  ])('when the input is %j, then it is rejected with reason %s', (input, reason) => {
    const result = normaliseOrgNumber('NO', input);

    expect(result).toMatchObject({ ok: false, reason });
  });

  it('when the check digit is wrong, then the message says so', () => {
    expect(normaliseOrgNumber('NO', '923609017')).toEqual({
      ok: false,
      reason: 'check-digit',
      message: 'Invalid Norwegian organisation number (check digit)',
    });
  });
});

describe('organisation number generators', () => {
  it('when generating Swedish numbers, then every one is valid, canonical and shaped like a legal entity', () => {
    // Arrange
    const rng = seededRng(42);

    // Act
    const numbers = Array.from({ length: 1000 }, () => generateSwedishOrgNumber(rng));

    // Assert
    for (const n of numbers) {
      expect(n).toMatch(/^[25789]\d[2-9]\d{3}-\d{4}$/);
      expect(referenceLuhnValid(n.replace('-', ''))).toBe(true);
      expect(normaliseOrgNumber('SE', n)).toEqual({ ok: true, value: n });
    }
    expect(new Set(numbers).size).toBeGreaterThan(990);
  });

  it('when a first digit is requested, then Swedish numbers start with it', () => {
    const rng = seededRng(7);

    const numbers = Array.from({ length: 50 }, () => generateSwedishOrgNumber(rng, { firstDigit: 2 }));

    expect(numbers.every((n) => n.startsWith('2') && isValidOrgNumber('SE', n))).toBe(true);
  });

  it('when an invalid first digit is requested, then the generator throws', () => {
    expect(() => generateSwedishOrgNumber(seededRng(1), { firstDigit: 0 })).toThrow(RangeError);
  });

  it('when generating Norwegian numbers, then every one is valid and starts with 8 or 9', () => {
    const rng = seededRng(42);

    const numbers = Array.from({ length: 1000 }, () => generateNorwegianOrgNumber(rng));

    for (const n of numbers) {
      expect(n).toMatch(/^[89]\d{8}$/);
      expect(referenceMod11Valid(n)).toBe(true);
    }
    expect(new Set(numbers).size).toBeGreaterThan(990);
  });

  it.each([0, 0.5, 0.999999999, 1])(
    'when the rng always returns %d, then the numbers are still valid',
    (x) => {
      const rng = () => x;

      expect(isValidOrgNumber('SE', generateSwedishOrgNumber(rng))).toBe(true);
      expect(isValidOrgNumber('NO', generateNorwegianOrgNumber(rng))).toBe(true);
    },
  );
});

describe('organisation number zod schema', () => {
  it('when a valid number is parsed, then the output has the canonical number', () => {
    expect(orgNumberSchema.parse({ country: 'SE', orgNumber: '162120000142' })).toEqual({
      country: 'SE',
      orgNumber: '212000-0142',
    });
    expect(orgNumberSchema.parse({ country: 'NO', orgNumber: '923 609 016' })).toEqual({
      country: 'NO',
      orgNumber: '923609016',
    });
  });

  it('when the check digit is wrong, then the error is reported on the orgNumber path', () => {
    const result = orgNumberSchema.safeParse({ country: 'SE', orgNumber: '212000-0143' });

    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['orgNumber'],
        message: 'Invalid Swedish organisation number (check digit)',
      }),
    ]);
  });

  it('when the country is not supported, then the error is on the country path', () => {
    const result = orgNumberSchema.safeParse({ country: 'DK', orgNumber: '12345678' });

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['country']);
  });

  it('when the refinement is used in a larger object schema, then it validates and canonicalises there', () => {
    // Arrange
    const organisationSchema = z
      .object({ name: z.string().min(1), country: orgCountrySchema, orgNumber: z.string() })
      .superRefine(refineOrgNumber)
      .transform(withCanonicalOrgNumber);

    // Act
    const valid = organisationSchema.parse({
      name: 'Equinor ASA',
      country: 'NO',
      orgNumber: 'NO 923 609 016 MVA',
    });
    const invalid = organisationSchema.safeParse({ name: 'X', country: 'NO', orgNumber: '923609017' });

    // Assert
    expect(valid).toEqual({ name: 'Equinor ASA', country: 'NO', orgNumber: '923609016' });
    expect(invalid.error?.issues[0]).toMatchObject({
      path: ['orgNumber'],
      message: 'Invalid Norwegian organisation number (check digit)',
    });
  });
});
