import { createTestContext, type TestContext } from '../helpers/context.js';

describe('reference data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  describe('GET /api/cpv', () => {
    it('when searching by a code prefix, then codes under it come first with their labels', async () => {
      const res = await ctx.http().get('/api/cpv').query({ q: '482', lang: 'en' });

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toContain('max-age');
      expect(res.body.items[0]).toEqual({
        code: '48200000',
        checkDigit: null, // official check digits are known for divisions only
        label: expect.stringMatching(/network/i),
        depth: 2,
        parent: '48000000',
        hasChildren: true,
        match: 'code',
      });
      expect(res.body.items[1].match).toBe('code-prefix');
      expect(res.body.items.every((i: { code: string }) => i.code.startsWith('482'))).toBe(true);
    });

    it('when searching Swedish words without diacritics, then Swedish labels match', async () => {
      const res = await ctx.http().get('/api/cpv').query({ q: 'lakemedel', limit: '5' });

      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(5);
      expect(res.body.items[0].label.toLowerCase()).toContain('läkemedel');
    });

    it('when searching English words with lang=sv, then the Swedish label is returned', async () => {
      const res = await ctx.http().get('/api/cpv').query({ q: 'software package', lang: 'sv', limit: '3' });

      expect(res.status).toBe(200);
      expect(res.body.items[0].code).toBe('48000000');
      expect(res.body.items[0].label).toMatch(/programvar/i);
    });

    it('when browsing with only a parent, then its direct children are listed in code order', async () => {
      const res = await ctx.http().get('/api/cpv').query({ parent: '48000000-8' });

      expect(res.status).toBe(200);
      const codes = res.body.items.map((i: { code: string }) => i.code);
      expect(codes).toContain('48200000');
      expect(codes).toEqual([...codes].sort());
      expect(res.body.items.every((i: { parent: string }) => i.parent === '48000000')).toBe(true);
    });

    it('when nothing is asked, then the 45 divisions are listed', async () => {
      const res = await ctx.http().get('/api/cpv');

      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(45);
      expect(res.body.items[0]).toMatchObject({
        code: '03000000',
        depth: 1,
        parent: null,
        hasChildren: true,
      });
    });

    it('when the parent is not a CPV code, then 400 naming the parameter with a code', async () => {
      const res = await ctx.http().get('/api/cpv').query({ parent: '99999999', limit: '500' });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ location: 'query', path: 'parent', code: expect.any(String) }),
          expect.objectContaining({ location: 'query', path: 'limit', code: expect.any(String) }),
        ]),
      );
    });
  });

  describe('GET /api/cpv/:code', () => {
    it('when the code exists, then both labels and the path from the division are returned', async () => {
      const res = await ctx.http().get('/api/cpv/48210000');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: '48210000', parent: '48200000', depth: 3 });
      expect(res.body.labels).toEqual({ sv: expect.any(String), en: expect.any(String) });
      expect(res.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['48000000', '48200000']);
    });

    it('when the code is unknown, then 400', async () => {
      const res = await ctx.http().get('/api/cpv/12345678');

      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ location: 'params', path: 'code' });
    });
  });

  describe('GET /api/regions', () => {
    it('when listing, then the Nordic tree comes with names in sv, en and nb', async () => {
      const res = await ctx.http().get('/api/regions');

      expect(res.status).toBe(200);
      expect(res.body.items[0]).toEqual({
        code: 'NORDICS',
        level: -1,
        parent: null,
        name: { sv: 'Norden', en: 'Nordic countries', nb: 'Norden' },
      });
      expect(res.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'SE110',
            level: 3,
            parent: 'SE11',
            name: expect.objectContaining({ sv: 'Stockholms län' }),
          }),
          expect.objectContaining({ code: 'NO081', level: 3 }),
        ]),
      );
    });

    it('when filtered by country, then only that country and its regions are listed', async () => {
      const res = await ctx.http().get('/api/regions').query({ country: 'NO' });

      expect(res.status).toBe(200);
      const codes: string[] = res.body.items.map((i: { code: string }) => i.code);
      expect(codes[0]).toBe('NO');
      expect(codes.every((c) => c.startsWith('NO'))).toBe(true);
      expect(codes).toContain('NO0A2');
    });
  });
});
