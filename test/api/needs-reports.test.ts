import { auditModel } from '../../server/modules/audit/audit.model.js';
import { needReportModel } from '../../server/modules/needs/need.model.js';
import { createRateLimiter } from '../../server/platform/http/rate-limit.js';
import { createUser, loginAs, resetRateLimits } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { addMember, createOrganisation } from '../helpers/factories.js';
import { waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { draftNeed, needsWorld, publishedNeed, searchable, type NeedsWorld } from './needs.fixtures.js';

describe('needs: reports from users', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx);
  }, 60_000);
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  /** People of `n` distinct verified organisations (suppliers, as most reporters are). */
  async function reporters(n: number) {
    const agents = [];
    for (let i = 0; i < n; i++) {
      const org = await createOrganisation(ctx, { kind: 'supplier' });
      agents.push((await loginAs(ctx, org.owner)).agent);
    }
    await resetRateLimits(ctx);
    return agents;
  }
  /** People without a verified organisation (free accounts, or an organisation awaiting review). */
  async function unaffiliated(n: number) {
    const agents = [];
    for (let i = 0; i < n; i++) {
      const user = await createUser(ctx);
      if (i % 2 === 1) await createOrganisation(ctx, { owner: user, verified: false });
      agents.push((await loginAs(ctx, user)).agent);
    }
    return agents;
  }
  const reason = 'Behovet pekar ut en viss leverantörs produkt.';

  it('when the third user reports a need, then it is hidden from the public, the coordinator is told and an admin can restore it', async () => {
    const title = `Sensorer för fuktmätning i skolor ${Date.now()}`;
    const id = await publishedNeed(world, { title });
    await searchable(ctx.http, id, { q: 'fuktmätning' });
    const [a, b, c] = await reporters(3);

    const first = await a!.post(`/api/needs/${id}/reports`).send({ reason });
    const again = await a!.post(`/api/needs/${id}/reports`).send({ reason });
    await b!.post(`/api/needs/${id}/reports`).send({ reason });
    const stillPublic = await ctx.http().get(`/api/needs/${id}`);
    const third = await c!.post(`/api/needs/${id}/reports`).send({ reason });

    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), status: 'open' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_reported');
    expect(stillPublic.status).toBe(200);
    expect(third.status).toBe(201);
    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(404);
    expect((await world.memberAgent.get(`/api/needs/${id}`)).body).toMatchObject({
      status: 'published',
      hidden: true,
    });
    await searchable(ctx.http, id, { q: 'fuktmätning' }, false);
    const [mail] = await waitForMessages(world.coordinator.owner.email, {
      filter: (m) => m.subject.includes(title) && m.subject.includes('dolt'),
    });
    expect(mail!.text).toContain('3 användare');
    expect(await auditModel(ctx.deps.mongo).countDocuments({ action: 'need.hidden', targetId: id })).toBe(1);

    const queue = await world.adminAgent.get('/api/admin/moderation/needs').query({ queue: 'reported' });
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      hidden: true,
      openReports: 3,
      reports: [expect.objectContaining({ reason }), expect.anything(), expect.anything()],
    });

    const restore = await world.adminAgent
      .post(`/api/admin/moderation/needs/${id}/reports/resolve`)
      .send({ decision: 'restore', note: 'Anmälningarna gäller inte behovet.' });
    expect(restore.status).toBe(200);
    expect(restore.body.hidden).toBe(false);
    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(200);
    await searchable(ctx.http, id, { q: 'fuktmätning' });
    expect(await auditModel(ctx.deps.mongo).countDocuments({ action: 'need.restored', targetId: id })).toBe(
      1,
    );
  });

  it('when three users without a verified organisation report, then the need stays public and reaches the admins with the reasons', async () => {
    const id = await publishedNeed(world);
    const agents = await unaffiliated(3);

    for (const [i, agent] of agents.entries()) {
      const res = await agent.post(`/api/needs/${id}/reports`).send({ reason: `${reason} (${i})` });
      expect(res.status).toBe(201);
    }

    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(200);
    const queue = await world.adminAgent.get('/api/admin/moderation/needs').query({ queue: 'reported' });
    expect(queue.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      hidden: false,
      openReports: 3,
      verifiedOrganisations: 0,
      reports: [0, 1, 2].map((i) =>
        expect.objectContaining({ reason: `${reason} (${i})`, verifiedOrganisation: false }),
      ),
    });
  });

  it('when three people of one verified organisation report, then it counts once and the need stays public', async () => {
    const id = await publishedNeed(world);
    const org = await createOrganisation(ctx, { kind: 'supplier' });
    const people = [org.owner, await createUser(ctx), await createUser(ctx)];
    for (const person of people.slice(1)) await addMember(ctx, org, person);

    for (const person of people) {
      const res = await (await loginAs(ctx, person)).agent.post(`/api/needs/${id}/reports`).send({ reason });
      expect(res.status).toBe(201);
    }
    const [second, third] = await reporters(2);
    await second!.post(`/api/needs/${id}/reports`).send({ reason });
    const stillPublic = (await ctx.http().get(`/api/needs/${id}`)).status;
    await third!.post(`/api/needs/${id}/reports`).send({ reason });

    expect(stillPublic).toBe(200);
    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(404);
    const audit = await auditModel(ctx.deps.mongo).findOne({ action: 'need.hidden', targetId: id }).lean();
    expect(audit!.details).toMatchObject({ openReports: 5, organisations: 3, threshold: 3 });
  });

  it('when an account has filed 10 reports within the hour, then the next one is 429 and not stored', async () => {
    const id = await publishedNeed(world);
    const user = await createUser(ctx);
    const limiter = createRateLimiter(ctx.deps.redis, {
      name: 'need-report-account',
      limit: 10,
      windowSeconds: 3600,
      prefix: ctx.config.QUEUE_PREFIX,
      secret: ctx.config.SESSION_SECRET,
    });
    for (let i = 0; i < 10; i++) await limiter.consume(user.id);

    const res = await (await loginAs(ctx, user)).agent.post(`/api/needs/${id}/reports`).send({ reason });

    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(await needReportModel(ctx.deps.mongo).countDocuments({ needId: id })).toBe(0);
  });

  it('when an admin keeps reports, then the need stays hidden', async () => {
    const id = await publishedNeed(world);
    const agents = await reporters(3);
    for (const agent of agents) await agent.post(`/api/needs/${id}/reports`).send({ reason });

    const res = await world.adminAgent
      .post(`/api/admin/moderation/needs/${id}/reports/resolve`)
      .send({ decision: 'keep_hidden' });

    expect(res.status).toBe(200);
    expect(res.body.hidden).toBe(true);
    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(404);
  });

  it('when reporting anonymously, a draft, or without a reason, then 401, 404 and 400', async () => {
    const published = await publishedNeed(world);
    const draft = await draftNeed(world);
    const [agent] = await reporters(1);

    const anonymous = await ctx.http().post(`/api/needs/${published}/reports`).send({ reason });
    const ofDraft = await agent!.post(`/api/needs/${draft}/reports`).send({ reason });
    const short = await agent!.post(`/api/needs/${published}/reports`).send({ reason: 'dålig' });

    expect(anonymous.status).toBe(401);
    expect(ofDraft.status).toBe(404);
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]).toMatchObject({ path: 'reason', code: 'too_small' });
  });

  it('when a non-admin resolves reports, then 403', async () => {
    const id = await publishedNeed(world);

    const res = await world.coordinatorAgent
      .post(`/api/admin/moderation/needs/${id}/reports/resolve`)
      .send({ decision: 'restore' });

    expect(res.status).toBe(403);
  });
});

describe('needs: the report threshold is configurable', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { REPORT_HIDE_THRESHOLD: '1' } });
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx);
  }, 60_000);
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  it('when REPORT_HIDE_THRESHOLD is 1, then a single report hides the need', async () => {
    const id = await publishedNeed(world, { title: `Digitala nyckelskåp ${Date.now()}` });
    const org = await createOrganisation(ctx, { kind: 'supplier' });
    const { agent } = await loginAs(ctx, org.owner);

    const res = await agent
      .post(`/api/needs/${id}/reports`)
      .send({ reason: 'Kravet beskriver en enda produkt.' });

    expect(res.status).toBe(201);
    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(404);
  });
});
