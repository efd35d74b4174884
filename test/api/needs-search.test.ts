import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import { needsSearchIndex } from '../../server/modules/needs/needs-search.js';
import type { NewNeed } from '../../server/modules/needs/needs.types.js';
import { withAncestors } from '../../server/modules/reference/cpv.js';
import { regionsWithAncestors } from '../../server/modules/reference/nuts.js';
import { rebuildSearchIndex } from '../../server/platform/search/search-index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation, type TestNetwork } from '../helpers/factories.js';

/** A need stored straight through the repository (search behaviour, not the lifecycle, is under test). */
function need(
  network: TestNetwork,
  overrides: Partial<NewNeed> & { title: string; cpvCodes: string[]; regions: string[] },
): NewNeed {
  return {
    networkId: network.id,
    summary: `${overrides.title}: en sammanfattning för sökresultatet.`,
    description: 'Beskrivning av problemet.',
    requirements: ['Lösningen ska fungera för alla användare.'],
    status: 'published',
    stage: 'market_dialogue',
    innovationType: 'new_service',
    language: 'sv',
    publishedAt: new Date('2026-01-01T08:00:00Z'),
    ...overrides,
    cpvAll: withAncestors(overrides.cpvCodes),
    regionsAll: regionsWithAncestors(overrides.regions),
  };
}

describe('needs: public search', () => {
  let ctx: TestContext;
  let transport: TestNetwork;
  let welfare: TestNetwork;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext();
    const kommun = await createOrganisation(ctx);
    const region = await createOrganisation(ctx, { buyerType: 'region' });
    transport = await createNetwork(ctx, {
      coordinator: kommun,
      name: 'Nätverket för fossilfria transporter',
    });
    welfare = await createNetwork(ctx, { coordinator: region, name: 'Välfärdsteknik i Skåne' });
    const rows: [string, NewNeed][] = [
      [
        'charging',
        need(transport, {
          title: 'Laddinfrastruktur för kommunala fordonsflottor',
          cpvCodes: ['31158100'],
          regions: ['SE110'],
          publishedAt: new Date('2026-01-10T08:00:00Z'),
          questionsDeadline: new Date('2026-09-01T12:00:00Z'),
        }),
      ],
      [
        'ehealth',
        need(welfare, {
          title: 'Digital vård i hemmet för äldre',
          summary: 'Trygg uppföljning av kroniskt sjuka i hemmet med välfärdsteknik.',
          cpvCodes: ['48180000', '85100000'],
          regions: ['SE224'],
          stage: 'rfi',
          publishedAt: new Date('2026-02-10T08:00:00Z'),
          questionsDeadline: new Date('2026-08-01T12:00:00Z'),
        }),
      ],
      [
        'waste',
        need(transport, {
          title: 'Smart insamling av avfall med sensorer i kärlen',
          cpvCodes: ['90500000'],
          regions: ['SE232'],
          stage: 'need_analysis',
          innovationType: 'new_process',
          publishedAt: new Date('2026-03-10T08:00:00Z'),
        }),
      ],
      [
        'lighting',
        need(welfare, {
          title: 'Energieffektiv gatubelysning',
          cpvCodes: ['34928500'],
          regions: ['NO081'],
          status: 'closed',
          stage: 'closed',
          publishedAt: new Date('2025-12-01T08:00:00Z'),
        }),
      ],
      [
        'draft',
        need(transport, {
          title: 'Laddinfrastruktur utkast som inte är publicerat',
          cpvCodes: ['31158100'],
          regions: ['SE110'],
          status: 'draft',
        }),
      ],
      [
        'submitted',
        need(transport, {
          title: 'Laddinfrastruktur under granskning',
          cpvCodes: ['31158100'],
          regions: ['SE110'],
          status: 'submitted',
        }),
      ],
      [
        'rejected',
        need(transport, {
          title: 'Laddinfrastruktur som avslogs',
          cpvCodes: ['31158100'],
          regions: ['SE110'],
          status: 'rejected',
        }),
      ],
      [
        'hidden',
        need(transport, {
          title: 'Laddinfrastruktur som anmälts och döljs',
          cpvCodes: ['31158100'],
          regions: ['SE110'],
        }),
      ],
    ];
    const repo = createNeedsRepository(ctx.deps.mongo);
    await repo.insertMany(rows.map(([, n]) => n));
    for (const [key, n] of rows) {
      const [found] = (await repo.listForNetwork(n.networkId, { publicOnly: false }, 1, 100)).items.filter(
        (x) => x.title === n.title,
      );
      ids[key] = found!.id;
    }
    await ctx.deps.mongo.collection('needs').updateOne({ title: /döljs/ }, { $set: { hidden: true } });
    await rebuildSearchIndex(ctx.deps, needsSearchIndex);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const search = (query: Record<string, string>) => ctx.http().get('/api/needs').query(query);
  const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

  it('when filtering on a broad CPV code or a prefix, then needs coded below it are found', async () => {
    const software = await search({ cpv: '48000000' });
    const two = await search({ cpv: '48000000,90000000-7' });
    const narrower = await search({ cpv: '48190000' });
    const prefix = await search({ cpv: '48' });

    expect(software.status).toBe(200);
    expect(idsOf(software)).toEqual([ids.ehealth]);
    expect(idsOf(prefix)).toEqual([ids.ehealth]);
    expect(idsOf(two)).toEqual([ids.ehealth, ids.waste].sort());
    expect(idsOf(narrower)).toEqual([]);
  });

  it('when filtering on a region, then needs in its sub-regions are found', async () => {
    const sweden = await search({ region: 'SE' });
    const county = await search({ region: 'se224' });
    const norway = await search({ region: 'NO' });

    expect(idsOf(sweden)).toEqual([ids.charging, ids.ehealth, ids.waste].sort());
    expect(idsOf(county)).toEqual([ids.ehealth]);
    expect(idsOf(norway)).toEqual([ids.lighting]);
  });

  it('when searching, then drafts, submitted, rejected and hidden needs never appear', async () => {
    const res = await search({ q: 'laddinfrastruktur', pageSize: '100' });

    expect(idsOf(res)).toEqual([ids.charging]);
    expect(res.body.total).toBe(1);
  });

  it('when nothing is asked, then public needs come newest first with facet counts and network names', async () => {
    const res = await search({});

    expect(res.status).toBe(200);
    expect(res.headers['x-search-degraded']).toBeUndefined();
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 4 });
    expect(res.body.degraded).toBeUndefined();
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([
      ids.waste,
      ids.ehealth,
      ids.charging,
      ids.lighting,
    ]);
    expect(res.body.items[1]).toEqual({
      id: ids.ehealth,
      title: 'Digital vård i hemmet för äldre',
      summary: 'Trygg uppföljning av kroniskt sjuka i hemmet med välfärdsteknik.',
      network: { id: welfare.id, name: 'Välfärdsteknik i Skåne' },
      stage: 'rfi',
      status: 'published',
      cpvCodes: ['48180000', '85100000'],
      regions: ['SE224'],
      language: 'sv',
      publishedAt: '2026-02-10T08:00:00.000Z',
      questionsDeadline: '2026-08-01T12:00:00.000Z',
    });
    expect(res.body.facets.stage).toEqual({ market_dialogue: 1, rfi: 1, need_analysis: 1, closed: 1 });
    expect(res.body.facets.region).toMatchObject({ SE: 3, SE110: 1, SE2: 2, NO: 1, NORDICS: 4 });
    expect(res.body.facets.cpv).toEqual({
      '31000000': 1,
      '48000000': 1,
      '85000000': 1,
      '90000000': 1,
      '34000000': 1,
    });
    expect(res.body.facets.network).toEqual({ [transport.id]: 2, [welfare.id]: 2 });
    expect(res.body.networks).toEqual({ [transport.id]: transport.name, [welfare.id]: welfare.name });
  });

  it('when the query has a typo, then the need is still found and the match is highlighted', async () => {
    const res = await search({ q: 'laddinfrastrukur' });

    expect(idsOf(res)).toEqual([ids.charging]);
    // Meilisearch marks the part of the word that matched the (misspelt) query.
    expect(res.body.items[0].highlight.title).toMatch(
      /^<mark>Laddinfrastruktu\w*<\/mark>\w* för kommunala fordonsflottor$/,
    );
  });

  it('when searching in English, then Swedish needs are found through synonyms and CPV labels', async () => {
    const charging = await search({ q: 'charging' });
    const waste = await search({ q: 'waste' });
    const ehealth = await search({ q: 'ehealth' });
    const software = await search({ q: 'software package' });

    expect(idsOf(charging)).toContain(ids.charging);
    expect(idsOf(waste)).toContain(ids.waste);
    expect(idsOf(ehealth)).toContain(ids.ehealth);
    expect(idsOf(software)).toContain(ids.ehealth);
  });

  it('when filtering by network and stage, then only matching needs are listed', async () => {
    const network = await search({ network: transport.id });
    const stages = await search({ stage: 'rfi,closed' });
    const both = await search({ network: transport.id, stage: 'rfi' });

    expect(idsOf(network)).toEqual([ids.charging, ids.waste].sort());
    expect(idsOf(stages)).toEqual([ids.ehealth, ids.lighting].sort());
    expect(idsOf(both)).toEqual([]);
  });

  it('when sorting by questions deadline, then the nearest deadline comes first and needs without one last', async () => {
    const res = await search({ sort: 'deadline_asc' });

    expect(res.body.items.map((i: { id: string }) => i.id).slice(0, 2)).toEqual([ids.ehealth, ids.charging]);
  });

  it('when paging, then the page holds pageSize items and the total counts all hits', async () => {
    const first = await search({ pageSize: '3', page: '1' });
    const second = await search({ pageSize: '3', page: '2' });

    expect(first.body.items).toHaveLength(3);
    expect(second.body.items).toHaveLength(1);
    expect(second.body).toMatchObject({ page: 2, pageSize: 3, total: 4 });
  });

  it('when filters are invalid, then 400 names each parameter with a code', async () => {
    const res = await search({ cpv: '48000000,12', region: 'SE999', stage: 'done', pageSize: '1000' });

    expect(res.status).toBe(400);
    const problems = res.body.error.details as { location: string; path: string; code?: string }[];
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['cpv.1', 'region.0', 'stage.0', 'pageSize']),
    );
    expect(problems.every((p) => p.location === 'query' && typeof p.code === 'string')).toBe(true);
  });

  // Last: it adds a need the counts above do not expect.
  it('when a need is written in English, then its search item says so (the client marks the card lang="en")', async () => {
    const repo = createNeedsRepository(ctx.deps.mongo);
    await repo.insertMany([
      need(welfare, {
        title: 'Remote monitoring of patients at home',
        summary: 'Remote monitoring of chronically ill patients at home.',
        cpvCodes: ['48180000'],
        regions: ['SE224'],
        language: 'en',
      }),
    ]);
    await rebuildSearchIndex(ctx.deps, needsSearchIndex);

    const res = await search({ q: 'remote monitoring' });

    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      title: 'Remote monitoring of patients at home',
      language: 'en',
    });
  });
});
