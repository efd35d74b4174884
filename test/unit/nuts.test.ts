import {
  getRegion,
  isValidRegion,
  normaliseRegion,
  regionAncestors,
  regionChildren,
  regionCodeSchema,
  regionCovers,
  regionName,
  regions,
  regionsWithAncestors,
} from '../../server/modules/reference/nuts.js';

const SWEDISH_COUNTIES = [
  'SE110',
  'SE121',
  'SE122',
  'SE123',
  'SE124',
  'SE125',
  'SE211',
  'SE212',
  'SE213',
  'SE214',
  'SE221',
  'SE224',
  'SE231',
  'SE232',
  'SE311',
  'SE312',
  'SE313',
  'SE321',
  'SE322',
  'SE331',
  'SE332',
];

const NORWEGIAN_NUTS3 = [
  'NO081',
  'NO082',
  'NO091',
  'NO092',
  'NO020',
  'NO0A1',
  'NO0A2',
  'NO0A3',
  'NO060',
  'NO071',
  'NO074',
];

describe('region list', () => {
  it('when listing Swedish NUTS 3 regions, then they are exactly the 21 counties', () => {
    const nuts3 = regions.filter((r) => r.level === 3 && r.code.startsWith('SE')).map((r) => r.code);

    expect(nuts3.sort()).toEqual([...SWEDISH_COUNTIES].sort());
  });

  it('when listing Norwegian NUTS 3 regions, then they are the 11 regions of NUTS 2021', () => {
    const nuts3 = regions.filter((r) => r.level === 3 && r.code.startsWith('NO')).map((r) => r.code);

    expect(nuts3.sort()).toEqual([...NORWEGIAN_NUTS3].sort());
  });

  it('when listing countries, then the five Nordic countries are there under NORDICS', () => {
    const countries = regions.filter((r) => r.level === 0);

    expect(countries.map((r) => r.code).sort()).toEqual(['DK', 'FI', 'IS', 'NO', 'SE']);
    expect(countries.every((r) => r.parent === 'NORDICS')).toBe(true);
  });

  it('when checking every region, then its parent exists one level up and codes are unique', () => {
    const codes = regions.map((r) => r.code);

    expect(new Set(codes).size).toBe(codes.length);
    for (const region of regions) {
      if (region.parent === null) {
        expect(region.code).toBe('NORDICS');
        continue;
      }
      const parent = getRegion(region.parent);
      expect(parent).toBeDefined();
      expect(region.level).toBe(parent!.level + 1);
    }
  });

  it('when a NUTS code is below a country, then it starts with its parent code', () => {
    for (const region of regions.filter((r) => r.level >= 1)) {
      expect(region.code.startsWith(region.parent!)).toBe(true);
    }
  });

  it('when checking every region, then it has names in Swedish, English and Norwegian', () => {
    for (const region of regions) {
      expect(region.name.sv).not.toBe('');
      expect(region.name.en).not.toBe('');
      expect(region.name.nb).not.toBe('');
    }
  });
});

describe('region validation', () => {
  it.each(['SE110', 'se110', ' SE110 ', 'NO0A1', 'no0a1', 'NORDICS', 'nordics', 'SE', 'DK'])(
    'when the code is %j, then it is valid',
    (code) => {
      expect(isValidRegion(code)).toBe(true);
    },
  );

  it.each(['', 'SE999', 'SE4', 'NO083', 'DK01', 'SEZZZ', 'EU', 'Stockholm'])(
    'when the code is %j, then it is not valid',
    (code) => {
      expect(isValidRegion(code)).toBe(false);
    },
  );

  it('when normalising, then the code is trimmed and upper case', () => {
    expect(normaliseRegion(' no0a3 ')).toBe('NO0A3');
    expect(normaliseRegion('SE999')).toBeNull();
  });
});

describe('region hierarchy', () => {
  it('when asking for the ancestors of a Swedish county, then they run up to NORDICS nearest first', () => {
    expect(regionAncestors('SE110')).toEqual(['SE11', 'SE1', 'SE', 'NORDICS']);
  });

  it('when asking for the ancestors of a Norwegian region, then they run up to NORDICS nearest first', () => {
    expect(regionAncestors('NO0A1')).toEqual(['NO0A', 'NO0', 'NO', 'NORDICS']);
  });

  it('when asking for the ancestors of NORDICS or an unknown code, then there are none', () => {
    expect(regionAncestors('NORDICS')).toEqual([]);
    expect(regionAncestors('XX1')).toEqual([]);
  });

  it('when listing the children of a region, then its direct sub-regions are returned', () => {
    expect(regionChildren('SE2')).toEqual(['SE21', 'SE22', 'SE23']);
    expect(regionChildren('se22')).toEqual(['SE221', 'SE224']);
    expect(regionChildren('NORDICS')).toEqual(['SE', 'NO', 'DK', 'FI', 'IS']);
    expect(regionChildren('SE110')).toEqual([]);
  });

  it('when expanding regions with their ancestors, then the result is unique and sorted', () => {
    expect(regionsWithAncestors(['SE110', 'se224', 'SE110'])).toEqual([
      'NORDICS',
      'SE',
      'SE1',
      'SE11',
      'SE110',
      'SE2',
      'SE22',
      'SE224',
    ]);
  });
});

describe('region coverage', () => {
  it.each([
    ['SE', 'SE110', true, 'all of Sweden covers a county'],
    ['SE1', 'SE110', true, 'a NUTS 1 region covers its county'],
    ['SE11', 'SE110', true, 'a NUTS 2 region covers its county'],
    ['SE110', 'SE110', true, 'a region covers itself'],
    ['NORDICS', 'SE110', true, 'the Nordics cover a Swedish county'],
    ['NORDICS', 'NO074', true, 'the Nordics cover a Norwegian region'],
    ['NORDICS', 'DK', true, 'the Nordics cover Denmark'],
    ['NORDICS', 'NORDICS', true, 'the Nordics cover the Nordics'],
    ['NO', 'NO0A2', true, 'Norway covers Vestland'],
    ['SE110', 'SE1', false, 'a county does not cover its NUTS 1 region'],
    ['SE110', 'SE', false, 'a county does not cover the country'],
    ['SE', 'NORDICS', false, 'Sweden does not cover the Nordics'],
    ['SE', 'NO081', false, 'Sweden does not cover Oslo'],
    ['SE2', 'SE110', false, 'Southern Sweden does not cover Stockholm'],
    ['SE121', 'SE122', false, 'a county does not cover its neighbour'],
    ['XX', 'SE110', false, 'an unknown region covers nothing'],
    ['SE', 'XX', false, 'an unknown region is covered by nothing'],
  ])('when %s serves and the need is in %s, then coverage is %s (%s)', (served, needed, expected) => {
    expect(regionCovers(served, needed)).toBe(expected);
  });

  it('when codes differ in case, then coverage is decided on the canonical codes', () => {
    expect(regionCovers('se', 'se110')).toBe(true);
  });
});

describe('region names', () => {
  it.each([
    ['SE224', 'sv', 'Skåne län'],
    ['SE224', 'en', 'Skåne County'],
    ['SE224', 'nb', 'Skåne län'],
    ['SE', 'en', 'Sweden'],
    ['NORDICS', 'sv', 'Norden'],
    ['NORDICS', 'en', 'Nordic countries'],
    ['NO0A3', 'nb', 'Møre og Romsdal'],
    ['NO', 'sv', 'Norge'],
    ['NO', 'en', 'Norway'],
    ['IS', 'sv', 'Island'],
    ['IS', 'en', 'Iceland'],
    ['SE21', 'sv', 'Småland med öarna'],
  ] as const)('when asking for the name of %s in %s, then it is %j', (code, lang, expected) => {
    expect(regionName(code, lang)).toBe(expected);
  });

  it('when asking for the name of an unknown region, then it is null', () => {
    expect(regionName('SE999', 'sv')).toBeNull();
  });
});

describe('region zod schema', () => {
  it('when a region code is parsed, then the canonical code is the output', () => {
    expect(regionCodeSchema.parse(' se110 ')).toBe('SE110');
  });

  it('when an unknown region code is parsed, then the error says "Unknown region code"', () => {
    const result = regionCodeSchema.safeParse('SE999');

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Unknown region code');
  });
});
