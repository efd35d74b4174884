import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMeilisearch } from '../../scripts/stack/index.js';
import { ensureSearchIndex, syncDocuments } from '../../server/platform/search/search-index.js';
import { importSuppliers } from '../../server/modules/suppliers/suppliers-import.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createOrganisation } from '../helpers/factories.js';
import { profileBody, settleSearch } from '../fixtures/suppliers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let seq = 0;
const rng = () => (seq = (seq * 9301 + 49297) % 233280) / 233280;

/** Import rows: a few distinct suppliers to search among. */
function row(overrides: Record<string, unknown>): Record<string, unknown> {
  return { orgNumber: generateSwedishOrgNumber(rng), ...profileBody({ contacts: [], ...overrides }) };
}
const suppliers = [
  row({
    name: 'Laddkraft Norr',
    pitch: 'Laddinfrastruktur för kommunala fordonsflottor i norra Sverige.',
    cpvCodes: ['31681500'],
    regions: ['SE332', 'SE331'],
    companySize: 'small',
    certifications: ['ISO 14001'],
    languages: ['sv'],
    publicProfile: true,
    keywords: ['laddstolpar'],
  }),
  row({
    name: 'Skolplattan',
    pitch: 'Lärplattform och elevdatorer för grundskolan med support.',
    cpvCodes: ['48190000', '30213000'],
    regions: ['SE'],
    companySize: 'medium',
    certifications: ['ISO 9001', 'ISO 27001'],
    languages: ['sv', 'en'],
    publicProfile: true,
    keywords: ['skol-it'],
  }),
  row({
    name: 'Vårdappen',
    pitch: 'Digitala vårdmöten och egenmonitorering för regioner.',
    cpvCodes: ['48814000'],
    regions: ['SE110'],
    companySize: 'micro',
    certifications: ['ISO 27001'],
    languages: ['sv', 'en', 'fi'],
    publicProfile: false,
  }),
  row({
    name: 'Matsvinnet',
    pitch: 'Mätning och minskning av matsvinn i offentliga kök och skolor.',
    cpvCodes: ['90500000', '48000000'],
    regions: ['NORDICS'],
    companySize: 'micro',
    certifications: [],
    languages: ['sv'],
    publicProfile: true,
    keywords: ['matsvinn'],
  }),
  row({
    name: 'Hjälpmedelshuset',
    pitch: 'Hjälpmedel för personer med funktionsnedsättning, förskrivning och service.',
    cpvCodes: ['33196200'],
    regions: ['SE224'],
    companySize: 'large',
    certifications: ['ISO 13485', 'ISO 9001'],
    languages: ['sv'],
    publicProfile: true,
  }),
];

async function importAll(ctx: TestContext) {
  const summary = await importSuppliers(
    ctx.deps,
    suppliers.map((data, i) => ({ line: i + 2, data })),
    { collectIds: true },
  );
  await syncDocuments(ctx.deps, suppliersIndex, summary.changedIds);
  await settleSearch(ctx);
  return summary;
}

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).sort();

describe('supplier search', () => {
  let ctx: TestContext;
  let buyer: LoggedIn;

  beforeAll(async () => {
    ctx = await createTestContext();
    await importAll(ctx);
    const org = await createOrganisation(ctx, { kind: 'buyer', verified: true });
    buyer = await loginAs(ctx, org.owner);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const asBuyer = (query: string) => buyer.bearer(ctx.http().get(`/api/suppliers${query}`));

  it('when anyone searches with a typo, then public profiles match with highlights and never contact persons', async () => {
    const res = await ctx.http().get('/api/suppliers?q=laddinfrastrukur');

    expect(res.status).toBe(200);
    expect(res.headers['x-search-degraded']).toBeUndefined();
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 20, totalPages: 1 });
    expect(res.body.degraded).toBeUndefined();
    expect(res.body.items[0]).toMatchObject({
      name: 'Laddkraft Norr',
      companySize: 'small',
      cpvCodes: ['31681500'],
    });
    expect(res.body.items[0].highlight.pitch).toMatch(/^<mark>Laddinfrastruktu(r)?<\/mark>/);
    expect(JSON.stringify(res.body)).not.toContain('karin');
  });

  it('when an anonymous visitor searches, then non-public profiles are left out; a verified buyer sees them', async () => {
    const anonymous = await ctx.http().get('/api/suppliers');
    const verified = await asBuyer('');

    expect(names(anonymous.body)).toEqual([
      'Hjälpmedelshuset',
      'Laddkraft Norr',
      'Matsvinnet',
      'Skolplattan',
    ]);
    expect(verified.body.total).toBe(5);
  });

  it('when filtering by a CPV prefix, then profiles coded anywhere below it match', async () => {
    const division = await asBuyer('?cpv=48');
    const group = await asBuyer('?cpv=488');
    const full = await asBuyer('?cpv=48814000-7');
    const two = await asBuyer('?cpv=31681500,33');

    expect(names(division.body)).toEqual(['Matsvinnet', 'Skolplattan', 'Vårdappen']);
    expect(names(group.body)).toEqual(['Vårdappen']);
    expect(names(full.body)).toEqual(['Vårdappen']);
    expect(names(two.body)).toEqual(['Hjälpmedelshuset', 'Laddkraft Norr']);
  });

  it('when the CPV filter is not a code, then 400 names the parameter', async () => {
    const res = await ctx.http().get('/api/suppliers?cpv=99x');

    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ location: 'query', path: 'cpv.0' });
  });

  it('when filtering by region, then suppliers serving it, a part of it or all of Sweden/the Nordics match', async () => {
    const stockholm = await asBuyer('?region=SE110');
    const north = await asBuyer('?region=SE3');

    expect(names(stockholm.body)).toEqual(['Matsvinnet', 'Skolplattan', 'Vårdappen']);
    expect(names(north.body)).toEqual(['Laddkraft Norr', 'Matsvinnet', 'Skolplattan']);
  });

  it('when filtering by size, certification and language, then the filters combine and facets count the matches', async () => {
    const res = await asBuyer('?certification=ISO%2027001&language=en');
    const sizes = await asBuyer('?size=micro&size=large');

    expect(names(res.body)).toEqual(['Skolplattan', 'Vårdappen']);
    expect(res.body.facets.size).toEqual({ medium: 1, micro: 1 });
    expect(res.body.facets.certification).toEqual({ 'ISO 27001': 2, 'ISO 9001': 1 });
    expect(res.body.facets.cpv).toMatchObject({ '48000000': 2, '30000000': 1 });
    expect(res.body.facets.language).toMatchObject({ en: 2, sv: 2, fi: 1 });
    expect(names(sizes.body)).toEqual(['Hjälpmedelshuset', 'Matsvinnet', 'Vårdappen']);
  });

  it('when paging, then pages do not overlap and totals stay', async () => {
    const first = await asBuyer('?pageSize=2&page=1');
    const third = await asBuyer('?pageSize=2&page=3');

    expect(first.body).toMatchObject({ total: 5, totalPages: 3 });
    expect(first.body.items).toHaveLength(2);
    expect(third.body.items).toHaveLength(1);
    expect(first.body.items.map((i: { id: string }) => i.id)).not.toContain(third.body.items[0].id);
  });
});

describe('supplier search when Meilisearch is down', () => {
  it('when Meilisearch stops, then the same filters are answered from MongoDB, flagged degraded', async () => {
    const masterKey = 'degraded-test-master-key-0123456789';
    const meili = await startMeilisearch({
      root,
      profile: 'test-suppliers-degraded',
      ephemeral: true,
      masterKey,
    });
    const ctx = await createTestContext({ env: { MEILI_URL: meili.url, MEILI_MASTER_KEY: masterKey } });
    try {
      await ensureSearchIndex(ctx.deps, suppliersIndex);
      await importAll(ctx);
      const user = await createUser(ctx, { admin: true });
      const admin = await loginAs(ctx, user);
      const healthy = await admin.bearer(ctx.http().get('/api/suppliers?cpv=48&region=SE110'));
      expect(healthy.body.degraded).toBeUndefined();

      await meili.stop();
      const res = await admin.bearer(ctx.http().get('/api/suppliers?cpv=48&region=SE110'));
      const text = await ctx.http().get('/api/suppliers?q=matsvinn');

      expect(res.status).toBe(200);
      expect(res.headers['x-search-degraded']).toBe('1');
      expect(res.body.degraded).toBe(true);
      expect(names(res.body)).toEqual(names(healthy.body));
      expect(res.body.total).toBe(healthy.body.total);
      expect(res.body.facets).toEqual(healthy.body.facets);
      expect(text.body).toMatchObject({ degraded: true, total: 1 });
      expect(text.body.items[0].highlight.pitch).toContain('<mark>matsvinn</mark>');
    } finally {
      await meili.stop();
      await ctx.close();
    }
  });
});
