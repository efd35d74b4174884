import { createOutboxRelay } from '../../server/platform/outbox/relay.js';
import { eventRoutes } from '../../workers/event-routes.js';
import { publishedNeed, needsWorld, type NeedsWorld } from '../api/needs.fixtures.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

describe('one matching job per approval', () => {
  let ctx: TestContext;
  let world: NeedsWorld;

  beforeAll(async () => {
    ctx = await createTestContext();
    world = await needsWorld(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('when a need is approved, then its events queue one match-need job named by the need and its version', async () => {
    // Arrange: approval records need.changed and need.published in one transaction
    const needId = await publishedNeed(world);
    const version = (await ctx.http().get(`/api/needs/${needId}`)).body.version as number;

    // Act: the relay moves every pending event to the queues (no worker runs them)
    const relay = createOutboxRelay(ctx.deps, eventRoutes);
    while ((await relay.runOnce()) > 0);

    // Assert
    const jobs = await ctx.deps.queues.get('matching').getJobs(['waiting', 'delayed', 'prioritized']);
    const matchJobs = jobs.filter((j) => j.name === 'match-need');
    expect(matchJobs.map((j) => j.id)).toEqual([`match-need.${needId}.${version}`]);
  });

  it('when an approval’s events are relayed again, then no second job is added', async () => {
    const needId = await publishedNeed(world);
    const relay = createOutboxRelay(ctx.deps, eventRoutes);
    while ((await relay.runOnce()) > 0);
    await ctx.deps.mongo
      .collection('outbox')
      .updateMany({ 'payload.needId': needId }, { $set: { status: 'pending' } });

    while ((await relay.runOnce()) > 0);

    const jobs = await ctx.deps.queues.get('matching').getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.filter((j) => j.name === 'match-need' && j.data.needId === needId)).toHaveLength(1);
  });
});
