import { startMeilisearch, type RunningService } from '../../scripts/stack/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { insertNeed } from '../workers/matching-fixtures.js';
import { childEnv, root, runScript, startApiProcess, stopAll, type AppProcess } from './helpers/processes.js';

/**
 * A second Meilisearch as a read replica. The index holds nothing that MongoDB does not: the same
 * rebuild (`npm run reindex`, fresh index + atomic swap) fills any number of instances, and an
 * API process pointed at the replica (MEILI_URL) answers the same searches as one on the primary.
 * Losing the replica costs only relevance, not answers: that API falls back to MongoDB.
 */
describe('Meilisearch read replica rebuilt from MongoDB', () => {
  let ctx: TestContext;
  let replica: RunningService | undefined;
  const procs: AppProcess[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await stopAll(procs.splice(0));
    await replica?.stop();
    await ctx.close();
  });

  it('when a second instance is rebuilt from MongoDB, then an API on it answers the same searches, and falls back to MongoDB when it dies', async () => {
    // Arrange: three published needs in MongoDB; the primary and the replica both rebuilt from it.
    await insertNeed(ctx, { title: 'Digital vårdplanering i hemtjänsten', cpvCodes: ['48200000'] });
    await insertNeed(ctx, { title: 'Vårdplanering med mobil journal', cpvCodes: ['48100000'] });
    await insertNeed(ctx, {
      title: 'Fossilfria transporter',
      summary: 'Elbilar för hemtjänsten.',
      cpvCodes: ['34100000'],
    });
    replica = await startMeilisearch({
      root,
      profile: 'faults-meili-replica',
      ephemeral: true,
      masterKey: ctx.config.MEILI_MASTER_KEY,
    });
    const primaryEnv = childEnv(ctx.config);
    const replicaEnv = childEnv(ctx.config, { MEILI_URL: replica.url });
    await runScript('reindex-primary', 'scripts/reindex.ts', primaryEnv);
    await runScript('reindex-replica', 'scripts/reindex.ts', replicaEnv);
    const [onPrimary, onReplica] = await Promise.all([
      startApiProcess('search-api-primary', primaryEnv),
      startApiProcess('search-api-replica', replicaEnv),
    ]);
    procs.push(onPrimary, onReplica);
    const search = async (api: AppProcess, q: string) => {
      const res = await fetch(`${api.url}/api/needs?q=${encodeURIComponent(q)}`);
      const body = (await res.json()) as { items: { id: string }[] };
      return {
        status: res.status,
        degraded: res.headers.get('x-search-degraded'),
        ids: body.items.map((i) => i.id),
      };
    };

    // Act
    const queries = ['vårdplanering', 'vardplanring', 'hemtjänsten', 'transporter'];
    const fromPrimary = await Promise.all(queries.map((q) => search(onPrimary, q)));
    const fromReplica = await Promise.all(queries.map((q) => search(onReplica, q)));

    // Assert: the same ranked answers, none degraded
    expect(fromPrimary.every((r) => r.status === 200 && r.ids.length > 0)).toBe(true);
    expect(fromPrimary[3]!.ids).toHaveLength(1);
    expect(fromReplica).toEqual(fromPrimary);
    expect(fromReplica.map((r) => r.degraded)).toEqual([null, null, null, null]);

    // Act: the replica dies
    await replica.stop();
    const degraded = await search(onReplica, 'transporter');

    // Assert: still an answer, from MongoDB, flagged
    expect(degraded).toMatchObject({ status: 200, degraded: '1' });
    expect(degraded.ids).toEqual(fromPrimary[3]!.ids);
  });
});
