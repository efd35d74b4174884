import { ObjectId } from 'mongodb';
import type { Deps } from '../../server/platform/deps.js';
import {
  ensureSearchIndex,
  rebuildSearchIndex,
  syncDocuments,
  type SearchIndexDefinition,
} from '../../server/platform/search/search-index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

interface WidgetDoc {
  id: string;
  name: string;
  colour: string;
}

/** A small index over a test collection: published widgets are searchable, others are not. */
const widgets: SearchIndexDefinition<WidgetDoc> = {
  name: 'widgets',
  settings: { searchableAttributes: ['name'], filterableAttributes: ['colour'] },
  async buildDocuments(deps: Deps, ids: string[]) {
    const rows = await deps.mongo
      .collection('widgets')
      .find({ _id: { $in: ids.map((id) => new ObjectId(id)) }, published: true })
      .toArray();
    return rows.map((r) => ({ id: String(r._id), name: String(r.name), colour: String(r.colour) }));
  },
  async *allIds(deps: Deps, batchSize: number) {
    let batch: string[] = [];
    for await (const row of deps.mongo
      .collection('widgets')
      .find({ published: true }, { projection: { _id: 1 } })) {
      batch.push(String(row._id));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  },
  count: (deps: Deps) => deps.mongo.collection('widgets').countDocuments({ published: true }),
  async versionOf(deps: Deps, id: string) {
    const row = await deps.mongo.collection('widgets').findOne({ _id: new ObjectId(id) });
    return row ? String(row.version) : null;
  },
};

describe('search index platform', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await ensureSearchIndex(ctx.deps, widgets);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const index = () => ctx.deps.search.client.index(ctx.deps.search.indexName('widgets'));

  it('when entities change, then sync writes the current state and removes what is no longer public', async () => {
    const { insertedIds } = await ctx.deps.mongo.collection('widgets').insertMany([
      { name: 'Blå pump', colour: 'blue', published: true, version: 1 },
      { name: 'Röd ventil', colour: 'red', published: true, version: 1 },
    ]);
    const [a, b] = [String(insertedIds[0]), String(insertedIds[1])];
    await syncDocuments(ctx.deps, widgets, [a, b]);
    await ctx.deps.mongo
      .collection('widgets')
      .updateOne({ _id: insertedIds[1] }, { $set: { published: false }, $inc: { version: 1 } });

    await syncDocuments(ctx.deps, widgets, [b, b]);

    const hits = await index().search('', { filter: 'colour = blue OR colour = red' });
    expect(hits.hits.map((h) => h.id)).toEqual([a]);
    expect((await index().search('pump')).hits[0]).toMatchObject({ id: a, name: 'Blå pump' });
  });

  it('when the index is rebuilt, then it holds exactly the public entities and searches keep working', async () => {
    await ctx.deps.mongo.collection('widgets').deleteMany({});
    await ctx.deps.mongo.collection('widgets').insertMany(
      Array.from({ length: 2_500 }, (_, i) => ({
        name: `Widget ${i}`,
        colour: i % 2 ? 'red' : 'blue',
        published: i % 5 !== 0,
        version: 1,
      })),
    );
    const progress: number[] = [];

    const done = await rebuildSearchIndex(ctx.deps, widgets, (n) => progress.push(n), 1_000);

    expect(done).toBe(2_000);
    expect(progress.at(-1)).toBe(2_000);
    const stats = await index().getStats();
    expect(stats.numberOfDocuments).toBe(2_000);
    const settings = await index().getSettings();
    expect(settings.filterableAttributes).toEqual(['colour']);
    const { results } = await ctx.deps.search.client.getIndexes({ limit: 1000 });
    // Only this file's indexes: other test files rebuild their own indexes at the same time.
    const own = results.filter((i) => i.uid.startsWith(ctx.config.MEILI_INDEX_PREFIX));
    expect(own.filter((i) => i.uid.includes('_rebuild_'))).toHaveLength(0);
  });
});
