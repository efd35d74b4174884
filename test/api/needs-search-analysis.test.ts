import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import { needsSearchIndex } from '../../server/modules/needs/needs-search.js';
import type { NewNeed } from '../../server/modules/needs/needs.types.js';
import { withAncestors } from '../../server/modules/reference/cpv.js';
import { regionsWithAncestors } from '../../server/modules/reference/nuts.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation } from '../helpers/factories.js';

/** Needs whose words show compounds, inflections, synonyms and English queries. */
const NEEDS = {
  homeCare: ['Digital tillsyn nattetid i hemtjänsten', 'Kameror och sensorer ger trygghet för brukare.'],
  bridges: ['Broinspektioner med drönare', 'Inspektion av kommunens broar utan avstängda körfält.'],
  pools: ['Energieffektiv drift av simhallar', 'Lägre energiförbrukning i kommunens anläggningar.'],
  forest: ['Ny skogsbruksplan för kommunens skogar', 'Inventering och planering av skötsel.'],
  lighting: ['Smart gatubelysning i bostadsområden', 'Ljus som anpassar sig efter rörelse.'],
  schoolFood: ['Mindre matsvinn i skolmaten', 'Mät och minska svinnet i skolornas kök.'],
  crime: ['Brottsförebyggande arbete i centrum', 'Trygghetsvandringar och bättre uppföljning.'],
  youth: ['Digitala ungdomsgårdar', 'Mötesplatser på nätet för unga på kvällstid.'],
} as const;
type Key = keyof typeof NEEDS;

describe('needs: search with Swedish and English text analysis', () => {
  let ctx: TestContext;
  const ids = {} as Record<Key, string>;

  beforeAll(async () => {
    // The keyword side with its analysis is under test here; hybrid search has its own tests.
    ctx = await createTestContext({ env: { SEMANTIC_RATIO: '0' } });
    const network = await createNetwork(ctx, {
      coordinator: await createOrganisation(ctx),
      name: 'Samhällsnätverket',
    });
    const rows = Object.entries(NEEDS).map(([, [title, summary]]): NewNeed => ({
      networkId: network.id,
      title,
      summary,
      description: 'Nätverket vill föra dialog med marknaden.',
      requirements: [],
      status: 'published',
      stage: 'market_dialogue',
      innovationType: 'new_service',
      language: 'sv',
      publishedAt: new Date('2026-01-01T08:00:00Z'),
      // A code whose labels share no word with the texts (IT-tjänster would contain "tjänst").
      cpvCodes: ['18000000'],
      cpvAll: withAncestors(['18000000']),
      regions: ['SE110'],
      regionsAll: regionsWithAncestors(['SE110']),
    }));
    const repo = createNeedsRepository(ctx.deps.mongo);
    await repo.insertMany(rows);
    const listed = (await repo.listForNetwork(network.id, { publicOnly: false }, 1, 100)).items;
    for (const [key, [title]] of Object.entries(NEEDS))
      ids[key as Key] = listed.find((n) => n.title === title)!.id;
    await rebuildSearchIndex(ctx.deps, needsSearchIndex);
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
  });

  const search = async (q: string) => {
    const res = await ctx.http().get('/api/needs').query({ q });
    expect(res.status).toBe(200);
    return res.body as { items: { id: string; highlight?: { title?: string } }[] };
  };
  const keysOf = (body: { items: { id: string }[] }) =>
    body.items.map((i) => (Object.keys(ids) as Key[]).find((k) => ids[k] === i.id));

  it('when a part of a compound is searched, then the compound is found ("tjänst" → hemtjänsten, "bro" → broinspektioner first)', async () => {
    expect(keysOf(await search('tjänst'))).toEqual(['homeCare']);
    expect(keysOf(await search('bro'))[0]).toBe('bridges');
    expect(keysOf(await search('skog'))).toEqual(['forest']);
  });

  it('when an inflected form is searched, then its other forms are found ("broar", "simhallen", "skolor")', async () => {
    expect(keysOf(await search('broar'))).toEqual(['bridges']);
    expect(keysOf(await search('simhallen'))).toEqual(['pools']);
    expect(keysOf(await search('skolor'))).toEqual(['schoolFood']);
  });

  it('when a thesaurus synonym is searched, then its partner is found ("badhus" → simhallar, "fritidsgård" → ungdomsgårdar)', async () => {
    expect(keysOf(await search('badhus'))).toEqual(['pools']);
    expect(keysOf(await search('fritidsgård'))).toEqual(['youth']);
    expect(keysOf(await search('hemvård'))).toEqual(['homeCare']);
  });

  it('when searching in English, then the Swedish need is found through the thesaurus', async () => {
    expect(keysOf(await search('bridge inspection'))[0]).toBe('bridges');
    expect(keysOf(await search('street lighting'))).toEqual(['lighting']);
    expect(keysOf(await search('swimming pool'))).toEqual(['pools']);
    expect(keysOf(await search('home care'))).toEqual(['homeCare']);
  });

  it('when a query has several words, then every word counts: the need with all of them first, and the last word is never dropped', async () => {
    expect(keysOf(await search('drönare broar'))).toEqual(['bridges']);
    // "digital" is in two needs and "skogsbruksplan" in one: Meilisearch's default ('last')
    // kept "digital" and dropped the last word, so the forest need was never found.
    const mixed = keysOf(await search('digital skogsbruksplan'));
    expect(mixed[0]).toBe('forest');
    expect(mixed).toEqual(expect.arrayContaining(['forest']));
    expect(keysOf(await search('digital tillsyn hemtjänst'))[0]).toBe('homeCare');
  });

  it('when a need is found through the analysis, then the words that matched are highlighted in the original text', async () => {
    const [hit] = (await search('broar')).items;

    expect(hit!.highlight?.title).toBe('<mark>Broinspektioner</mark> med drönare');
    expect(Object.keys(hit!)).not.toContain('terms');
  });
});
