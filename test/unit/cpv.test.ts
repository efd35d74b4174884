import {
  ancestorsOf,
  childrenOf,
  cpvCodeListSchema,
  cpvCodeSchema,
  cpvDivisions,
  depth,
  describe as describeCpv,
  isAncestor,
  isValidCpv,
  label,
  normaliseCpv,
  parentOf,
  parseCpv,
  searchCpv,
  treeDistance,
  withAncestors,
  type CpvMatch,
} from '../../server/modules/reference/cpv.js';
import { foldText } from '../../server/modules/reference/text.js';

const MATCH_ORDER: CpvMatch[] = ['code', 'code-prefix', 'label-start', 'word', 'word-prefix', 'contains'];

describe('CPV code normalisation', () => {
  it.each([
    ['48200000', '48200000'],
    ['48200000-6', '48200000'],
    ['482000006', '48200000'],
    ['  48200000 - 6 ', '48200000'],
    ['48200000–6', '48200000'], // en dash, as pasted from a word processor
    ['3000000', '03000000'], // leading zero dropped by a spreadsheet
    ['3000000-1', '03000000'],
  ])('when the input is %j, then the canonical code is %s', (input, expected) => {
    // Act
    const result = parseCpv(input);

    // Assert
    expect(result).toMatchObject({ ok: true, code: expected });
  });

  it.each(['', 'abc', '4820-0000', '48200000-66', '48.20.00.00', '4820000006', '48200000x', '482'])(
    'when the input %j is not shaped like a CPV code, then it is a format error',
    (input) => {
      const result = parseCpv(input);

      expect(result).toMatchObject({ ok: false, reason: 'format' });
    },
  );

  it('when the input has 9 digits whose first 8 are not a code, then the code is unknown', () => {
    expect(parseCpv('482000061')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('when 7 digits do not name a code once the leading zero is restored, then the code is unknown', () => {
    expect(parseCpv('4820000-6')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it.each(['99999999', '48299999', '00000000'])(
    'when the code %s is well-formed but not in the list, then it is unknown',
    (input) => {
      const result = parseCpv(input);

      expect(result).toEqual({ ok: false, reason: 'unknown', message: 'Unknown CPV code' });
    },
  );

  it('when normalising an invalid code, then the result is null', () => {
    expect(normaliseCpv('99999999')).toBeNull();
    expect(normaliseCpv('48200000-6')).toBe('48200000');
  });

  it('when checking validity, then only codes in the list are valid', () => {
    expect(isValidCpv('45000000-7')).toBe(true);
    expect(isValidCpv('45000000')).toBe(true);
    expect(isValidCpv('45000001')).toBe(false);
    expect(isValidCpv('not a code')).toBe(false);
  });
});

describe('CPV check digits', () => {
  it.each([
    ['45000000-7', '7'],
    ['03000000-1', '1'],
    ['51000000-9', '9'], // does not follow the weighted-sum pattern; verified by look-up
    ['72000000-5', '5'],
  ])('when a division is given with its official check digit %s, then it is accepted', (input, digit) => {
    const result = parseCpv(input);

    expect(result).toMatchObject({ ok: true, checkDigit: digit });
  });

  it('when a division is given with a wrong check digit, then the error names the right one', () => {
    const result = parseCpv('45000000-6');

    expect(result).toEqual({
      ok: false,
      reason: 'check-digit',
      message: 'Wrong CPV check digit: 45000000-6 should be 45000000-7',
    });
  });

  it('when a wrong check digit is given as the 9th digit, then it is rejected too', () => {
    expect(parseCpv('450000006')).toMatchObject({ ok: false, reason: 'check-digit' });
  });

  it('when a code below division level is given with a check digit, then it is accepted unverified', () => {
    // Official digits below division level are not available offline (see cpv-check-digits.ts).
    const result = parseCpv('48200000-6');

    expect(result).toEqual({ ok: true, code: '48200000', checkDigit: null });
  });

  it('when a division is given without check digit, then the official one is reported', () => {
    expect(parseCpv('48000000')).toEqual({ ok: true, code: '48000000', checkDigit: '8' });
  });
});

describe('CPV hierarchy', () => {
  it.each([
    ['03000000', null], // division
    ['03100000', '03000000'], // group → division
    ['03110000', '03100000'], // class → group
    ['03111000', '03110000'], // category → class
    ['03111100', '03111000'], // 6 significant digits
    ['03211110', '03211100'], // 7 significant digits
    ['03212211', '03212210'], // 8 significant digits
    ['30000000', null], // a division with a single non-zero digit
    ['30100000', '30000000'],
    ['30192121', '30192100'], // 30192120 does not exist: the nearest existing code is used
  ])('when asking for the parent of %s, then it is %s', (code, expected) => {
    expect(parentOf(code)).toBe(expected);
  });

  it('when the input carries a check digit, then the parent is still found', () => {
    expect(parentOf('48200000-6')).toBe('48000000');
  });

  it('when asking for the ancestors of an 8-digit code, then all levels are listed nearest first', () => {
    const ancestors = ancestorsOf('03212211');

    expect(ancestors).toEqual(['03212210', '03212200', '03212000', '03210000', '03200000', '03000000']);
  });

  it('when asking for the ancestors of a division, then there are none', () => {
    expect(ancestorsOf('45000000')).toEqual([]);
  });

  it('when a code is well-formed but not in the list, then it is placed in the tree by its digits', () => {
    expect(parentOf('48200009')).toBe('48200000');
    expect(ancestorsOf('48200009')).toEqual(['48200000', '48000000']);
  });

  it.each([
    ['03000000', '03212211', true],
    ['03210000', '03212211', true],
    ['03212210', '03212211', true],
    ['30000000', '30192121', true],
    ['03212211', '03000000', false], // a descendant is not an ancestor
    ['03212211', '03212211', false], // a code is not its own ancestor
    ['03100000', '03212211', false], // another branch of the same division
    ['45000000', '03212211', false], // another division
  ])('when asking whether %s is an ancestor of %s, then the answer is %s', (a, b, expected) => {
    expect(isAncestor(a, b)).toBe(expected);
  });

  it.each([
    ['03000000', 1],
    ['03100000', 2],
    ['03110000', 3],
    ['03111000', 4],
    ['03111100', 5],
    ['03211110', 6],
    ['03212211', 7],
    ['30192121', 6], // its 7-digit level does not exist, so it sits one level higher
  ])('when asking for the depth of %s, then it is %i', (code, expected) => {
    expect(depth(code)).toBe(expected);
  });

  it.each([
    ['48200000', '48200000', 0, 'the same code'],
    ['48000000', '48200000', 1, 'parent and child'],
    ['48200000', '48000000', 1, 'child and parent'],
    ['48210000', '48220000', 2, 'siblings'],
    ['48000000', '48210000', 2, 'grandparent and grandchild'],
    ['48211000', '48220000', 3, 'a nephew and an uncle'],
    ['48211000', '48821000', 6, 'second cousins in one division'],
  ])('when measuring %s to %s, then the distance is %i (%s)', (a, b, expected) => {
    expect(treeDistance(a, b)).toBe(expected);
  });

  it('when the codes are in different divisions, then there is no distance', () => {
    expect(treeDistance('48200000', '45000000')).toBeNull();
  });

  it('when listing the children of a class, then they are its direct children in code order', () => {
    const children = childrenOf('03110000');

    expect(children).toEqual([
      '03111000',
      '03112000',
      '03113000',
      '03114000',
      '03115000',
      '03116000',
      '03117000',
    ]);
    expect(children.every((c) => parentOf(c) === '03110000')).toBe(true);
  });

  it('when listing the children of a leaf or an unknown code, then there are none', () => {
    expect(childrenOf('03212211')).toEqual([]);
    expect(childrenOf('48200009')).toEqual([]);
  });

  it('when listing divisions, then all 45 are returned and none has a parent', () => {
    const divisions = cpvDivisions();

    expect(divisions).toHaveLength(45);
    expect(divisions[0]).toBe('03000000');
    expect(divisions.every((d) => parentOf(d) === null)).toBe(true);
  });

  it('when expanding codes with their ancestors, then the result is unique, sorted and canonical', () => {
    const expanded = withAncestors(['48211000', '48211000-3', '03111100', '48210000']);

    expect(expanded).toEqual([
      '03000000',
      '03100000',
      '03110000',
      '03111000',
      '03111100',
      '48000000',
      '48200000',
      '48210000',
      '48211000',
    ]);
  });

  it('when expanding an empty list, then the result is empty', () => {
    expect(withAncestors([])).toEqual([]);
  });

  it('when a structural function gets something that is not a CPV code, then it throws a TypeError', () => {
    expect(() => parentOf('hello')).toThrow(TypeError);
    expect(() => withAncestors(['48200000', ''])).toThrow(TypeError);
    expect(() => treeDistance('48200000', '482')).toThrow(TypeError);
  });
});

describe('CPV labels', () => {
  it('when asking for the Swedish label, then it is the official Swedish wording', () => {
    expect(label('48200000', 'sv')).toBe('Programvara för nätverk, Internet och intranät');
  });

  it('when asking for the English label, then it is the official English wording', () => {
    expect(label('48200000-6', 'en')).toBe('Networking, Internet and intranet software package');
  });

  it('when asking for the label of an unknown code, then it is null', () => {
    expect(label('99999999', 'sv')).toBeNull();
    expect(label('nonsense', 'en')).toBeNull();
  });

  it('when describing a division, then everything including the check digit is returned', () => {
    expect(describeCpv('03000000-1')).toEqual({
      code: '03000000',
      checkDigit: '1',
      sv: 'Jordbruks-, jakt-, fiske- och skogsbruksprodukter samt tillhörande produkter',
      en: 'Agricultural, farming, fishing, forestry and related products',
      parent: null,
      depth: 1,
    });
  });

  it('when describing a deeper code, then its parent and depth are given and the check digit is unknown', () => {
    expect(describeCpv('48200000')).toEqual({
      code: '48200000',
      checkDigit: null,
      sv: 'Programvara för nätverk, Internet och intranät',
      en: 'Networking, Internet and intranet software package',
      parent: '48000000',
      depth: 2,
    });
  });

  it('when describing an invalid code, then the result is null', () => {
    expect(describeCpv('99999999')).toBeNull();
  });
});

describe('CPV search', () => {
  it('when searching by a code prefix, then the matching code comes first, then its subtree shallow first', () => {
    // Act
    const hits = searchCpv('482', { limit: 10 });

    // Assert
    expect(hits[0]).toMatchObject({ code: '48200000', match: 'code', depth: 2 });
    expect(hits.slice(1).every((h) => h.match === 'code-prefix')).toBe(true);
    expect(hits.every((h) => h.code.startsWith('482'))).toBe(true);
    const depths = hits.map((h) => h.depth);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
  });

  it('when searching by a full code with check digit, then exactly that code is returned', () => {
    const hits = searchCpv('48200000-6');

    expect(hits).toEqual([
      {
        code: '48200000',
        label: 'Programvara för nätverk, Internet och intranät',
        depth: 2,
        parent: '48000000',
        hasChildren: true,
        match: 'code',
      },
    ]);
  });

  it('when searching by a full code that does not exist, then nothing is returned', () => {
    expect(searchCpv('48299999')).toEqual([]);
  });

  it('when searching for a Swedish word, then labels starting with it come first, shallowest first', () => {
    const hits = searchCpv('läkemedel', { limit: 50 });

    expect(hits[0]).toMatchObject({ code: '33600000', label: 'Läkemedel', match: 'label-start' });
    expect(hits.every((h) => foldText(h.label).includes('lakemedel'))).toBe(true);
  });

  it('when searching without diacritics or in upper case, then the same codes are found', () => {
    const withDiacritics = searchCpv('läkemedel', { limit: 50 }).map((h) => h.code);

    expect(searchCpv('lakemedel', { limit: 50 }).map((h) => h.code)).toEqual(withDiacritics);
    expect(searchCpv('LÄKEMEDEL', { limit: 50 }).map((h) => h.code)).toEqual(withDiacritics);
  });

  it('when the query has diacritics, then exact spellings rank before folded look-alikes', () => {
    // "städ" folds to "stad", which also starts "Stadsplanering"; Städning is meant.
    const hits = searchCpv('städ', { limit: 3 });

    expect(hits.map((h) => h.label)).toEqual([
      'Städning och renhållning',
      'Städning',
      'Städning av bostäder och byggnader samt fönsterputsning',
    ]);
  });

  it('when searching for several words, then every hit contains all of them', () => {
    const hits = searchCpv('programvara nätverk', { limit: 100 });

    expect(hits.length).toBeGreaterThanOrEqual(5);
    for (const hit of hits) {
      const folded = foldText(hit.label);
      expect(folded).toContain('programvara');
      expect(folded).toContain('natverk');
    }
    expect(hits[0]).toMatchObject({ code: '48200000', match: 'word' });
  });

  it('when results are returned, then they are ordered by match kind', () => {
    const hits = searchCpv('skola', { limit: 200 });

    const ranks = hits.map((h) => MATCH_ORDER.indexOf(h.match));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(hits.some((h) => h.match === 'contains')).toBe(true); // compounds: "ungdomsskola"
  });

  it('when searching in English, then English labels are searched and returned', () => {
    const hits = searchCpv('software package', { lang: 'en', limit: 20 });

    expect(hits.length).toBe(20);
    expect(hits.every((h) => /software package/i.test(h.label))).toBe(true);
  });

  it('when a Swedish search uses an English word, then matches are found through the English label', () => {
    const hits = searchCpv('software', { lang: 'sv', limit: 5 });

    expect(hits[0]).toMatchObject({ code: '48000000', label: 'Programvara och informationssystem' });
  });

  it('when searching below a parent, then only its descendants are returned, not the parent', () => {
    const hits = searchCpv('programvara', { parent: '48200000', limit: 200 });

    expect(hits.length).toBeGreaterThan(5);
    expect(hits.every((h) => h.code !== '48200000' && isAncestor('48200000', h.code))).toBe(true);
  });

  it('when a limit is given, then no more hits are returned', () => {
    expect(searchCpv('a', { limit: 7 })).toHaveLength(7);
    expect(searchCpv('a', { limit: 0 })).toHaveLength(1);
    expect(searchCpv('a', { limit: 10_000 })).toHaveLength(200);
  });

  it('when the query is empty or only punctuation, then nothing is returned', () => {
    expect(searchCpv('')).toEqual([]);
    expect(searchCpv('   ')).toEqual([]);
    expect(searchCpv('?!')).toEqual([]);
  });

  it('when nothing matches, then nothing is returned', () => {
    expect(searchCpv('xyzzyqwerty')).toEqual([]);
  });
});

describe('CPV zod schemas', () => {
  it('when a code is parsed, then the canonical form is the output', () => {
    expect(cpvCodeSchema.parse(' 48200000-6 ')).toBe('48200000');
  });

  it('when an unknown code is parsed, then the error says "Unknown CPV code"', () => {
    const result = cpvCodeSchema.safeParse('99999999');

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Unknown CPV code');
  });

  it('when a malformed code is parsed, then the error explains the expected format', () => {
    const result = cpvCodeSchema.safeParse('482');

    expect(result.error?.issues[0]?.message).toMatch(/expected 8 digits/);
  });

  it('when a list is parsed, then it is canonical, unique and sorted, and errors point at the item', () => {
    expect(cpvCodeListSchema.parse(['48200000-6', '03000000', '48200000'])).toEqual(['03000000', '48200000']);

    const result = cpvCodeListSchema.safeParse(['48200000', '99999999']);
    expect(result.error?.issues[0]).toMatchObject({ path: [1], message: 'Unknown CPV code' });
  });
});
