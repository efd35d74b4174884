import mongoose from 'mongoose';
import { matchModel } from '../../server/modules/matching/match.model.js';
import { matchSuppliers } from '../../server/modules/matching/matching.jobs.js';
import { DEFAULT_MATCH_THRESHOLD } from '../../server/modules/matching/threshold.js';
import { createMatchingService, MatchingBusyError } from '../../server/modules/matching/matching.service.js';
import { needNoticeModel } from '../../server/modules/subscriptions/notice.model.js';
import { createSubscriptionsRepository } from '../../server/modules/subscriptions/subscriptions.repository.js';
import { createSubscriptionsService } from '../../server/modules/subscriptions/subscriptions.service.js';
import { profileChanged } from '../../server/modules/suppliers/suppliers.events.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { insertNeed, insertSuppliers, updateNeed } from './matching-fixtures.js';

const SUPPLIERS = [
  { name: 'Samma kod', cpvCodes: ['48200000'], regions: ['SE110'] },
  { name: 'Förälder nationell', cpvCodes: ['48000000'], regions: ['SE'] },
  { name: 'Barn', cpvCodes: ['48210000'], regions: ['SE110'] },
  { name: 'Syskon Östra', cpvCodes: ['48300000'], regions: ['SE1'] },
  { name: 'Orelaterad', cpvCodes: ['72000000'], regions: ['SE110'] },
  { name: 'Fel region', cpvCodes: ['48200000'], regions: ['SE121'] },
  {
    name: 'Vårdplanering AB',
    cpvCodes: ['48210000'],
    regions: ['SE110'],
    pitch: 'Digital vårdplanering och schemaläggning för hemtjänsten',
    description:
      'Vi bygger mobila system för vårdplanering, schemaläggning och journalintegration i kommunal hemtjänst.',
    offerings: ['Vårdplanering'],
    logoUrl: 'https://example.org/logo.png',
  },
];

describe('match engine', () => {
  let ctx: TestContext;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
    ids = await insertSuppliers(ctx, SUPPLIERS);
  });

  async function matchesOf(needId: string) {
    const rows = await matchModel(ctx.deps.mongo).find({ needId }).sort({ score: -1 }).lean();
    return new Map(rows.map((r) => [r.supplierName!, r]));
  }

  it('when a need is matched, then code candidates come by CPV closeness and region fit, with explained parts', async () => {
    // Arrange
    const need = await insertNeed(ctx, { cpvCodes: ['48200000'], regions: ['SE110'] });

    // Act
    const result = await createMatchingService(ctx.deps).matchNeed(need.id);

    // Assert
    const m = await matchesOf(need.id);
    expect(result.candidates).toBeGreaterThanOrEqual(5);
    const coded = ['Barn', 'Förälder nationell', 'Samma kod', 'Syskon Östra', 'Vårdplanering AB'];
    expect([...m.keys()].filter((name) => coded.includes(name)).sort()).toEqual(coded);
    // The others share only a word ("system") with the need: text candidates below the line.
    for (const name of [...m.keys()].filter((n) => !coded.includes(n))) {
      expect([name, m.get(name)!.score < DEFAULT_MATCH_THRESHOLD]).toEqual([name, true]);
    }
    expect(m.get('Samma kod')?.parts).toMatchObject({ cpv: 1, region: 1 });
    expect(m.get('Förälder nationell')?.parts).toMatchObject({ cpv: 0.7, region: 1 });
    expect(m.get('Barn')?.parts).toMatchObject({ cpv: 0.7, region: 1 });
    expect(m.get('Syskon Östra')?.parts).toMatchObject({ cpv: 0.49, region: 1 });
    expect(m.get('Förälder nationell')?.explanation.en).toEqual(
      expect.arrayContaining([
        'The need’s code 48200000 is under your code 48000000 Software package and information systems.',
        'You deliver throughout Sweden.',
      ]),
    );
    expect(m.get('Barn')?.explanation.sv).toContain('Du levererar i Stockholms län.');
    // The text part: the need's terms and meaning against the profile's.
    expect(m.get('Vårdplanering AB')!.parts.text).toBeGreaterThan(m.get('Barn')!.parts.text);
    expect(m.get('Vårdplanering AB')!.score).toBeGreaterThan(m.get('Barn')!.score);
    expect(m.get('Vårdplanering AB')!.parts.completeness).toBeGreaterThan(m.get('Barn')!.parts.completeness);
  });

  it('when the need is matched again, then the same rows are updated in place', async () => {
    const need = await insertNeed(ctx);
    const service = createMatchingService(ctx.deps);
    await service.matchNeed(need.id);
    const first = await matchModel(ctx.deps.mongo).find({ needId: need.id }).sort({ _id: 1 }).lean();

    await updateNeed(ctx, need.id, { cpvCodes: ['48200000'] }); // a new version, same codes
    await service.matchNeed(need.id);
    await updateNeed(ctx, need.id, { regions: ['SE110'] });
    const third = await service.matchNeed(need.id);

    expect(third.status).toBe('matched');
    const again = await matchModel(ctx.deps.mongo).find({ needId: need.id }).sort({ _id: 1 }).lean();
    expect(again.map((r) => [String(r._id), r.score, r.parts])).toEqual(
      first.map((r) => [String(r._id), r.score, r.parts]),
    );
  });

  it('when the need’s codes and region change, then it is re-matched and stale matches go', async () => {
    const need = await insertNeed(ctx, { cpvCodes: ['48200000'], regions: ['SE110'] });
    const service = createMatchingService(ctx.deps);
    await service.matchNeed(need.id);

    await updateNeed(ctx, need.id, { cpvCodes: ['72000000'], regions: ['SE121'] });
    await service.matchNeed(need.id);

    // No code candidate is left; the profile that describes the need stays, whatever its codes.
    const after = await matchesOf(need.id);
    expect([...after.values()].filter((r) => r.parts.cpv > 0)).toEqual([]);
    expect(after.has('Vårdplanering AB')).toBe(true);
    expect(after.has('Samma kod')).toBe(false);
    await updateNeed(ctx, need.id, { cpvCodes: ['72000000'], regions: ['SE110'] });
    await service.matchNeed(need.id);
    const coded = [...(await matchesOf(need.id)).values()].filter((r) => r.parts.cpv > 0);
    expect(coded.map((r) => r.supplierName)).toEqual(['Orelaterad']);
  });

  it('when two runs for one need overlap, then the second fails on the lease (to be retried) and the first matches', async () => {
    const need = await insertNeed(ctx);
    const service = createMatchingService(ctx.deps);

    const results = await Promise.allSettled([service.matchNeed(need.id), service.matchNeed(need.id)]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r) => r.status === 'rejected');
    expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(MatchingBusyError);
    expect(await matchModel(ctx.deps.mongo).countDocuments({ needId: need.id })).toBe(5);
    // The retry finds the need matched at its version.
    expect(await service.matchNeed(need.id)).toEqual({ status: 'skipped', reason: 'up to date' });
  });

  it('when a need is not published, then nothing is matched', async () => {
    const need = await insertNeed(ctx, { status: 'submitted' });

    const result = await createMatchingService(ctx.deps).matchNeed(need.id);

    expect(result).toEqual({ status: 'skipped', reason: 'submitted' });
    expect(await matchModel(ctx.deps.mongo).countDocuments()).toBe(0);
  });

  it('when a supplier profile changes, then it is re-matched against the open needs', async () => {
    const open = await insertNeed(ctx, { cpvCodes: ['48200000'], regions: ['SE110'] });
    const closed = await insertNeed(ctx, { cpvCodes: ['48200000'], status: 'closed' });
    const service = createMatchingService(ctx.deps);
    await service.matchNeed(open.id);
    const supplierId = ids['Fel region']!;
    await ctx.deps.mongo.collection('supplier_profiles').updateOne(
      { _id: new mongoose.Types.ObjectId(supplierId) },
      {
        $set: {
          'approved.regions': ['SE110'],
          'approved.regionsAll': ['NORDICS', 'SE', 'SE1', 'SE11', 'SE110'],
        },
        $inc: { version: 1 },
      },
    );

    const result = await service.matchSupplier(supplierId);

    expect(result).toMatchObject({ status: 'matched', matches: 1 });
    const row = await matchModel(ctx.deps.mongo).findOne({ needId: open.id, supplierId }).lean();
    expect(row?.parts).toMatchObject({ cpv: 1, region: 1 });
    expect(await matchModel(ctx.deps.mongo).countDocuments({ needId: closed.id })).toBe(0);
  });
});

describe('supplier re-matching in batches', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
    ids = await insertSuppliers(ctx, SUPPLIERS);
  });

  it('when an event names more profiles than one job takes, then they are split into jobs of 500, the same on every relay', () => {
    const many = Array.from({ length: 1_201 }, () => String(new mongoose.Types.ObjectId()));
    const event = { _id: new mongoose.Types.ObjectId(), payload: { ids: [...many, many[0]] } };

    const jobs = matchSuppliers(event);

    expect(jobs.map((j) => (j.payload as { supplierIds: string[] }).supplierIds.length)).toEqual([
      500, 500, 201,
    ]);
    expect(jobs.flatMap((j) => (j.payload as { supplierIds: string[] }).supplierIds)).toEqual(many);
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(3);
    expect(matchSuppliers(event).map((j) => j.jobId)).toEqual(jobs.map((j) => j.jobId));
  });

  it('when profiles change, then one batch job re-matches each of them and drops the one no longer listed', async () => {
    // Arrange: an open need matched; then one supplier moves into its region, another is unlisted
    const need = await insertNeed(ctx, { cpvCodes: ['48200000'], regions: ['SE110'] });
    await createMatchingService(ctx.deps).matchNeed(need.id);
    const moved = ids['Fel region']!;
    const unlisted = ids['Samma kod']!;
    const profiles = ctx.deps.mongo.collection('supplier_profiles');
    await profiles.updateOne(
      { _id: new mongoose.Types.ObjectId(moved) },
      {
        $set: {
          'approved.regions': ['SE110'],
          'approved.regionsAll': ['NORDICS', 'SE', 'SE1', 'SE11', 'SE110'],
        },
        $inc: { version: 1 },
      },
    );
    await profiles.updateOne({ _id: new mongoose.Types.ObjectId(unlisted) }, { $set: { listed: false } });
    expect(await matchModel(ctx.deps.mongo).countDocuments({ needId: need.id, supplierId: moved })).toBe(0);

    // Act: the event suppliers.events.ts records for a profile change
    await inTransaction(ctx.deps.mongo, (tx) =>
      createOutbox(ctx.deps.mongo).record(tx, [profileChanged([moved, unlisted])]),
    );
    await workers.drain(30_000);

    // Assert
    const jobs = await ctx.deps.queues.get('matching').getJobs(['completed']);
    const batch = jobs.filter((j) => j.name === 'match-suppliers');
    expect(batch).toHaveLength(1);
    expect(batch[0]!.returnvalue).toMatchObject({ matched: 1, removed: 1, matches: 1, matchesDropped: 1 });
    expect(await matchModel(ctx.deps.mongo).countDocuments({ needId: need.id, supplierId: moved })).toBe(1);
    expect(await matchModel(ctx.deps.mongo).countDocuments({ needId: need.id, supplierId: unlisted })).toBe(
      0,
    );
  });
});

describe('subscription lookup', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });
  beforeEach(async () => {
    await ctx.reset();
  });

  it('when a need is published, then exactly the subscriptions whose filters it satisfies are found', async () => {
    // Arrange
    const user = await createUser(ctx);
    const principal: Principal = {
      userId: user.id,
      sessionId: 's',
      email: user.email,
      emailVerified: true,
      isAdmin: false,
      language: 'sv',
      via: 'bearer',
    };
    const service = createSubscriptionsService(ctx.deps);
    const networkId = new mongoose.Types.ObjectId().toString();
    const otherNetwork = new mongoose.Types.ObjectId().toString();
    const search = (name: string, filters: Record<string, unknown>) =>
      service.create(principal, {
        kind: 'search',
        name,
        delivery: 'instant',
        filters: { q: '', cpvCodes: [], regions: [], networkIds: [], stages: [], ...filters } as never,
      });
    await search('everything', {});
    await search('parent code', { cpvCodes: ['48000000'] });
    await search('exact code and county', { cpvCodes: ['48200000'], regions: ['SE110'] });
    await search('whole country', { regions: ['SE'] });
    await search('eastern sweden + stage', { regions: ['SE1'], stages: ['market_dialogue'] });
    await search('words', { q: 'vårdplanering hemtj' });
    await search('network', { networkIds: [networkId] });
    await search('child code', { cpvCodes: ['48210000'] });
    await search('unrelated code', { cpvCodes: ['72000000'] });
    await search('other county', { regions: ['SE121'] });
    await search('other stage', { stages: ['procurement'] });
    await search('other words', { q: 'skolskjuts' });
    await search('other network', { networkIds: [otherNetwork] });
    const need = await insertNeed(ctx, {
      networkId,
      cpvCodes: ['48200000'],
      regions: ['SE110'],
      stage: 'market_dialogue',
    });
    const needDoc = await ctx.deps.mongo
      .collection('needs')
      .findOne({ _id: new mongoose.Types.ObjectId(need.id) });

    // Act
    const found: string[] = [];
    await createSubscriptionsRepository(ctx.deps.mongo).satisfiedBy(
      {
        networkId,
        cpvAll: needDoc!.cpvAll,
        regions: needDoc!.regions,
        regionsAll: needDoc!.regionsAll,
        stage: 'market_dialogue',
        text: '',
      },
      async (batch) => {
        found.push(...batch.map((s) => s.name));
      },
    );

    // Assert: the structured filters by lookup; words are checked afterwards, in code.
    expect(found.sort()).toEqual(
      [
        'eastern sweden + stage',
        'everything',
        'exact code and county',
        'network',
        'other words',
        'parent code',
        'whole country',
        'words',
      ].sort(),
    );
    const plan = await ctx.deps.mongo
      .collection('subscriptions')
      .find({ active: true, 'keys.cpv': { $in: [...needDoc!.cpvAll, '*'] } })
      .explain('queryPlanner');
    expect(JSON.stringify(plan)).toContain('IXSCAN');
  });

  it('when the same need is matched twice, then each user is told once', async () => {
    const user = await createUser(ctx);
    const principal = {
      userId: user.id,
      sessionId: 's',
      email: user.email,
      emailVerified: true,
      isAdmin: false,
      language: 'sv',
      via: 'bearer',
    } as Principal;
    await createSubscriptionsService(ctx.deps).create(principal, {
      kind: 'search',
      name: 'a',
      delivery: 'instant',
      filters: { q: '', cpvCodes: ['48000000'], regions: [], networkIds: [], stages: [] },
    });
    await createSubscriptionsService(ctx.deps).create(principal, {
      kind: 'search',
      name: 'b',
      delivery: 'daily',
      filters: { q: '', cpvCodes: [], regions: ['SE'], networkIds: [], stages: [] },
    });
    const need = await insertNeed(ctx);
    const service = createMatchingService(ctx.deps);

    const first = await service.matchNeed(need.id);
    await ctx.deps.mongo.collection('match_runs').updateMany({}, { $unset: { fingerprint: 1 } });
    const second = await service.matchNeed(need.id);

    expect(first.notified).toEqual({ instant: 1, digest: 0, skipped: 0 });
    expect(second.notified).toEqual({ instant: 0, digest: 0, skipped: 1 });
    expect(await needNoticeModel(ctx.deps.mongo).countDocuments()).toBe(1);
    expect(
      await ctx.deps.mongo.collection('deliveries').countDocuments({ key: `match.${need.id}.${user.id}` }),
    ).toBe(1);
  });
});
