import { importSuppliers } from '../../server/modules/suppliers/suppliers-import.js';
import { suppliersIndex } from '../../server/modules/suppliers/suppliers-search.js';
import { generateSwedishOrgNumber } from '../../server/modules/organisations/org-number.js';
import { syncDocuments } from '../../server/platform/search/search-index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { profileBody, settleSearch } from '../fixtures/suppliers.js';

let seq = 7;
const rng = () => (seq = (seq * 9301 + 49297) % 233280) / 233280;

/** A public profile whose texts are only these (the fixture's defaults would add other words). */
function supplier(name: string, pitch: string, offering: string, description = ''): Record<string, unknown> {
  return {
    orgNumber: generateSwedishOrgNumber(rng),
    ...profileBody({
      name,
      pitch,
      description,
      offerings: [{ type: 'service', name: offering }],
      keywords: [],
      references: [],
      // A code whose labels share no word with the texts.
      cpvCodes: ['18000000'],
      regions: ['SE'],
      contacts: [],
      publicProfile: true,
    }),
  };
}

const SUPPLIERS = [
  supplier(
    'Trygg Natt Teknik',
    'Digital tillsyn nattetid i hemtjänsten med kamera och sensorer',
    'Nattillsyn',
  ),
  supplier('Broexperten', 'Broinspektioner och underhåll av broar', 'Inspektion med drönare'),
  supplier('Skogsplan Nord', 'Skogsbruksplaner för kommuner och regioner', 'Inventering'),
  supplier('Simdrift', 'Digital drift och energioptimering av simhallar', 'Energikartläggning'),
  supplier(
    'Nordic Street Light',
    'Smart street lighting for municipalities',
    'Connected street lights',
    'We install and maintain street lighting.',
  ),
  supplier('Brottsfri Stad', 'Brottsförebyggande arbete i stadskärnan', 'Trygghetsvandringar'),
];

describe('supplier search with Swedish and English text analysis', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    // The keyword side with its analysis is under test here; hybrid search has its own tests.
    ctx = await createTestContext({ env: { SEMANTIC_RATIO: '0' } });
    const summary = await importSuppliers(
      ctx.deps,
      SUPPLIERS.map((data, i) => ({ line: i + 2, data })),
      { collectIds: true },
    );
    await syncDocuments(ctx.deps, suppliersIndex, summary.changedIds);
    await settleSearch(ctx);
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const search = async (q: string) => {
    const res = await ctx.http().get('/api/suppliers').query({ q });
    expect(res.status).toBe(200);
    return res.body as { items: { name: string; highlight?: { pitch?: string } }[] };
  };
  const names = async (q: string) => (await search(q)).items.map((i) => i.name);

  it('when a part of a compound or an inflected form is searched, then the profile with the compound is found', async () => {
    expect(await names('tjänst')).toEqual(['Trygg Natt Teknik']);
    expect((await names('bro'))[0]).toBe('Broexperten');
    expect(await names('broar')).toEqual(['Broexperten']);
    expect(await names('skog')).toEqual(['Skogsplan Nord']);
    expect(await names('inspektioner')).toEqual(['Broexperten']);
  });

  it('when a synonym or the other language is searched, then the profile is found through the thesaurus', async () => {
    expect(await names('badhus')).toEqual(['Simdrift']);
    expect(await names('hemvård')).toEqual(['Trygg Natt Teknik']);
    expect(await names('gatubelysning')).toEqual(['Nordic Street Light']);
    expect((await names('bridge inspection'))[0]).toBe('Broexperten');
  });

  it('when a query has several words, then the profile with all of them comes first and no word is dropped', async () => {
    expect((await names('kamera tillsyn'))[0]).toBe('Trygg Natt Teknik');
    // "digital" is in two profiles, "skogsbruksplan" in one: the more common word is dropped
    // first, so the forest profile is found although no profile has both words.
    expect(await names('digital skogsbruksplan')).toEqual(['Skogsplan Nord']);
  });

  it('when a profile is found through the analysis, then the matching words of the pitch are highlighted', async () => {
    const [hit] = (await search('broar')).items;

    expect(hit!.highlight?.pitch).toBe('<mark>Broinspektioner</mark> och underhåll av <mark>broar</mark>');
  });
});
