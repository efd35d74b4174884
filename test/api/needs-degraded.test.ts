import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMeilisearch, type RunningService } from '../../scripts/stack/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import {
  eventually,
  needsWorld,
  publishedNeed,
  searchable,
  submittedNeed,
  type NeedsWorld,
} from './needs.fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A private Meilisearch that this file stops and starts again on the same port with the same
 * data directory, as a real restart would (a persistent profile, removed at the end).
 */
describe('needs: search while Meilisearch is down, and catching up when it returns', () => {
  const profile = `test-needs-meili-${randomUUID().slice(0, 8)}`;
  const masterKey = randomBytes(24).toString('hex');
  let meili: RunningService;
  let port: number;
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;

  const start = (p?: number) =>
    startMeilisearch({
      root,
      profile,
      ephemeral: false,
      masterKey,
      ...(p ? { port: p } : {}),
      log: () => undefined,
    });

  beforeAll(async () => {
    meili = await start();
    port = Number(new URL(meili.url).port);
    ctx = await createTestContext({ env: { MEILI_URL: meili.url, MEILI_MASTER_KEY: masterKey } });
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx);
  }, 60_000);
  afterAll(async () => {
    await workers?.stop();
    await ctx?.close();
    await meili?.stop();
    await fs.rm(path.join(root, '.data', profile), { recursive: true, force: true });
  });

  it('when Meilisearch stops, then search answers from MongoDB with the degraded header, filters and facets; when it returns, the index catches up', async () => {
    // Arrange: one need published and indexed while everything is up.
    const before = await publishedNeed(world, {
      title: 'Styrd laddning av elbussar i depå',
      cpvCodes: ['31158100'],
    });
    await searchable(ctx.http, before, { q: 'elbussar' });
    const waiting = await submittedNeed(world, {
      title: 'Digitala nycklar för hemtjänsten',
      cpvCodes: ['48000000'],
    });

    // Act 1: Meilisearch goes away.
    await meili.stop();
    const degraded = await ctx
      .http()
      .get('/api/needs')
      .query({ q: 'Elbussar depå', cpv: '31000000', region: 'SE' });

    // Assert 1: the same question is answered from MongoDB.
    expect(degraded.status).toBe(200);
    expect(degraded.headers['x-search-degraded']).toBe('1');
    expect(degraded.body.degraded).toBe(true);
    expect(degraded.body.items.map((i: { id: string }) => i.id)).toEqual([before]);
    expect(degraded.body.items[0]).toMatchObject({
      language: 'sv',
      network: { id: world.network.id, name: world.network.name },
      highlight: { title: 'Styrd laddning av <mark>elbussar</mark> i <mark>depå</mark>' },
    });
    expect(degraded.body.total).toBe(1);
    expect(degraded.body.facets).toEqual({
      stage: { market_dialogue: 1 },
      region: expect.objectContaining({ SE: 1, SE110: 1, SE121: 1 }),
      cpv: { '31000000': 1 },
      network: { [world.network.id]: 1 },
    });
    expect(degraded.body.networks).toEqual({ [world.network.id]: world.network.name });
    const prefix = await ctx.http().get('/api/needs').query({ cpv: '31100000' });
    expect(prefix.body.items.map((i: { id: string }) => i.id)).toEqual([before]);

    // Act 2: changes while the index cannot be written: a publication and an edit.
    const approve = await world.adminAgent.post(`/api/admin/moderation/needs/${waiting}/approve`).send({});
    const edit = await world.coordinatorAgent
      .patch(`/api/needs/${before}`)
      .send({ title: 'Styrd laddning av eldrivna sopbilar' });
    expect(approve.status).toBe(200);
    expect(edit.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500)); // the sync jobs fail and back off meanwhile
    const stillDegraded = await ctx.http().get('/api/needs').query({ q: 'nycklar hemtjänsten' });
    expect(stillDegraded.body.degraded).toBe(true);
    expect(stillDegraded.body.items.map((i: { id: string }) => i.id)).toEqual([waiting]);

    // Act 3: Meilisearch is back (same port, same data).
    meili = await start(port);

    // Assert 3: without any manual step, the index catches up through the outbox and the workers.
    await searchable(ctx.http, waiting, { q: 'nycklar hemtjänsten' }, true, 60_000);
    await searchable(ctx.http, before, { q: 'sopbilar' }, true, 60_000);
    const index = ctx.deps.search.client.index(ctx.deps.search.indexName('needs'));
    // The edit replaced the old title in the index (a query for the old word may still find the
    // need by meaning — electric buses and electric refuse trucks are close — so the document
    // itself is checked).
    const edited = await eventually(
      async () => (await index.getDocument(before)).title === 'Styrd laddning av eldrivna sopbilar',
      60_000,
    );
    expect(edited).toBe(true);
    const documents = await eventually(async () => (await index.getStats()).numberOfDocuments === 2);
    expect(documents).toBe(true);
  }, 150_000);
});
