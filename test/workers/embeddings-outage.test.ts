import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedder, type RunningService } from '../../scripts/stack/index.js';
import { documentVector } from '../../server/platform/embeddings/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { settleSearch } from '../fixtures/suppliers.js';
import { eventually, needsWorld, publishedNeed, type NeedsWorld } from '../api/needs.fixtures.js';

// This file runs its own embedder process (the global one serves the other files in parallel),
// stops it for real and starts it again on the same port.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ELDER_CARE = {
  title: 'Trygg tillsyn nattetid i hemtjänsten',
  summary:
    'Äldre som bor hemma ska kunna få tillsyn på natten med kamera eller sensorer i stället för störande besök.',
  description: 'Nattpatrullen ska se om brukaren sover lugnt utan att väcka hen.',
  requirements: ['Brukaren ska själv samtycka till tillsynen.'],
};
const BRIDGES = {
  title: 'Inspektion av broar med drönare',
  summary: 'Kommunens broar och viadukter ska inspekteras med drönare som hittar sprickor i betongen.',
  description: 'Bilderna ska analyseras automatiskt och skador rapporteras per bro.',
  requirements: ['Rapport per bro.'],
};

/** The embed and index jobs only: matching jobs of the same events are not what is tested here. */
async function embedAndIndexDone(ctx: TestContext): Promise<void> {
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
}

describe('when the embedder is down', () => {
  let embedder: RunningService;
  let port: number;
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;
  const profile = `test-embedder-outage-${process.pid}`;

  beforeAll(async () => {
    embedder = await startEmbedder({ root, profile, ephemeral: true, log: () => undefined });
    port = Number(new URL(embedder.url).port);
    ctx = await createTestContext({
      // A long query timeout: the outage is a refused connection, not a slow answer.
      env: {
        EMBEDDINGS_URL: `${embedder.url}/v1`,
        EMBEDDINGS_COOLDOWN_MS: '300',
        EMBEDDINGS_QUERY_TIMEOUT_MS: '20000',
      },
    });
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx);
  }, 120_000);
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
    await embedder.stop();
  });

  it('then searches are flagged keyword-only, and after a restart what was published meanwhile is embedded and found by meaning', async () => {
    const before = await publishedNeed(world, ELDER_CARE);
    await eventually(() => documentVector(ctx.deps, 'need', before), 60_000, 'first need embedded');
    await embedAndIndexDone(ctx);

    await embedder.stop();
    const during = await publishedNeed(world, BRIDGES);
    const down = await eventually(
      async () => {
        const res = await ctx.http().get('/api/needs').query({ q: 'tillsyn nattetid' });
        return res.headers['x-search-keyword-only'] === '1' ? res : null;
      },
      10_000,
      'keyword-only answer',
    );
    // The keyword sync does not wait for the embedder: the new need is searchable by its words.
    await eventually(
      async () =>
        (await ctx.http().get('/api/needs').query({ q: 'drönare broar' })).body.items?.some(
          (i: { id: string }) => i.id === during,
        ),
      30_000,
      'need published during the outage in the keyword index',
    );
    expect(down?.body).toMatchObject({ keywordOnly: true });
    expect(down?.body.items.map((i: { id: string }) => i.id)).toContain(before);
    expect(await documentVector(ctx.deps, 'need', during)).toBeNull();

    embedder = await startEmbedder({ root, profile, ephemeral: true, port, log: () => undefined });
    const vector = await eventually(() => documentVector(ctx.deps, 'need', during), 60_000, 'caught up');
    await embedAndIndexDone(ctx);
    await settleSearch(ctx);
    const res = await eventually(
      async () => {
        const r = await ctx.http().get('/api/needs').query({ q: 'bridge inspection using drones' });
        return r.headers['x-search-keyword-only'] === undefined ? r : null;
      },
      10_000,
      'hybrid answer after the restart',
    );

    expect(vector).toHaveLength(384);
    expect(res?.body.keywordOnly).toBeUndefined();
    expect(res?.body.items[0]).toMatchObject({ id: during, title: BRIDGES.title });
  }, 240_000);
});
