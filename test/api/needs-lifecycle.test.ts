import { auditModel } from '../../server/modules/audit/audit.model.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createBuyerGroup } from '../helpers/factories.js';
import { waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import {
  draftNeed,
  needBody,
  needsWorld,
  publishedNeed,
  searchable,
  submittedNeed,
  type NeedsWorld,
} from './needs.fixtures.js';

describe('needs: lifecycle', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });

  it('when a network member creates a need, then it is a draft with demand rows and totals per currency and unit', async () => {
    const res = await world.memberAgent.post('/api/needs').send(needBody(world));

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      network: { id: world.network.id, name: world.network.name },
      cpvCodes: ['31158100', '48000000'],
      regions: ['SE110', 'SE121'],
      questionsDeadline: '2026-09-30T15:00:00.000Z',
      dialoguePeriod: { start: '2026-09-01', end: '2026-10-15' },
      plannedProcurementStart: '2027-01-15',
      permissions: { edit: true, submit: false, close: false },
    });
    expect(res.body.demand.rows[0]).toEqual({
      organisation: { id: world.coordinator.id, name: world.coordinator.name },
      quantity: { amount: 250, unit: 'laddpunkter' },
      value: { amount: 12_000_000, currency: 'SEK' },
      timeframe: { from: '2027-01-01', to: '2029-12-31' },
    });
    expect(res.body.demand.totals).toEqual({
      organisations: 2,
      value: [{ currency: 'SEK', amount: 20_500_000 }],
      quantity: [{ unit: 'laddpunkter', amount: 400 }],
    });
    expect(res.body.cpv[1]).toEqual({
      code: '48000000',
      label: { sv: expect.any(String), en: expect.stringMatching(/software/i) },
    });
  });

  it('when a draft is read by outsiders, then they get 404 like a missing need', async () => {
    const id = await draftNeed(world);

    const anonymous = await ctx.http().get(`/api/needs/${id}`);
    const outsider = await world.outsiderAgent.get(`/api/needs/${id}`);
    const missing = await ctx.http().get('/api/needs/65f000000000000000000000');
    const member = await world.memberAgent.get(`/api/needs/${id}`);
    const admin = await world.adminAgent.get(`/api/needs/${id}`);

    expect(anonymous.status).toBe(404);
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
    expect(member.status).toBe(200);
    expect(admin.status).toBe(200);
  });

  it('when demand names an organisation outside the network, then 400 naming the row', async () => {
    const body = needBody(world, {
      demand: [{ organisationId: world.outsiderOrg.id, value: { amount: 1000 } }],
    });

    const res = await world.coordinatorAgent.post('/api/needs').send(body);

    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ location: 'body', path: 'demand.0.organisationId', code: 'not_member' }),
    ]);
  });

  it('when the need belongs to a buyer group, then only the group members may be listed in demand', async () => {
    const groupId = await createBuyerGroup(ctx, world.network, [world.coordinator]);

    const bad = await world.coordinatorAgent
      .post('/api/needs')
      .send(needBody(world, { buyerGroupId: groupId }));
    const good = await world.coordinatorAgent.post('/api/needs').send(
      needBody(world, {
        buyerGroupId: groupId,
        demand: [{ organisationId: world.coordinator.id, value: { amount: 100, currency: 'EUR' } }],
      }),
    );

    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({ path: 'demand.1.organisationId', code: 'not_member' }),
    ]);
    expect(good.status).toBe(201);
    expect(good.body.buyerGroup).toEqual({ id: groupId, name: 'Testgrupp' });
    expect(good.body.demand.totals.value).toEqual([{ currency: 'EUR', amount: 100 }]);
  });

  it('when fields are invalid, then 400 lists each field with a code', async () => {
    const res = await world.coordinatorAgent.post('/api/needs').send(
      needBody(world, {
        cpvCodes: ['12345678'],
        regions: ['SE999'],
        innovationType: 'magic',
        attachments: [{ title: 'x', url: 'http://insecure.example.org' }],
        surprise: true,
      }),
    );

    expect(res.status).toBe(400);
    const fields = res.body.error.details.map(
      (d: { path: string; code: string }) => `${d.path}:${typeof d.code}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'cpvCodes.0:string',
        'regions.0:string',
        'innovationType:string',
        'attachments.0.url:string',
        'surprise:string',
      ]),
    );
  });

  it('when anonymous, then creating answers 401; a buyer outside the network gets 403', async () => {
    const anonymous = await ctx.http().post('/api/needs').send(needBody(world));
    const outsider = await world.outsiderAgent.post('/api/needs').send(needBody(world));

    expect(anonymous.status).toBe(401);
    expect(outsider.status).toBe(403);
  });

  it('when an incomplete draft is submitted, then 400 need_incomplete names what is missing', async () => {
    const create = await world.coordinatorAgent
      .post('/api/needs')
      .send({ networkId: world.network.id, title: 'Ett behov som inte är klart' });

    const res = await world.coordinatorAgent.post(`/api/needs/${create.body.id}/submit`);

    expect(create.status).toBe(201);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('need_incomplete');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['summary', 'description', 'requirements', 'cpvCodes', 'regions', 'contact']),
    );
  });

  it('when a member who is not the coordinator submits, then 403; the coordinator may', async () => {
    const id = await draftNeed(world);

    const member = await world.memberAgent.post(`/api/needs/${id}/submit`);
    const coordinator = await world.coordinatorAgent.post(`/api/needs/${id}/submit`);

    expect(member.status).toBe(403);
    expect(coordinator.status).toBe(200);
    expect(coordinator.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
  });

  it('when a submitted need is edited or submitted again, then 409 invalid_transition names the status', async () => {
    const id = await submittedNeed(world);

    const edit = await world.coordinatorAgent
      .patch(`/api/needs/${id}`)
      .send({ title: 'Ny titel på behovet' });
    const again = await world.coordinatorAgent.post(`/api/needs/${id}/submit`);

    expect(edit.status).toBe(409);
    expect(edit.body.error).toMatchObject({
      code: 'invalid_transition',
      details: { action: 'edit', currentStatus: 'submitted' },
    });
    expect(edit.body.error.message).toContain('submitted');
    expect(again.status).toBe(409);
    expect(again.body.error.details.currentStatus).toBe('submitted');
  });

  it('when two people edit the same version, then the second gets 409 version_conflict', async () => {
    const id = await draftNeed(world);

    const first = await world.coordinatorAgent
      .patch(`/api/needs/${id}`)
      .send({ version: 1, title: 'Första ändringen' });
    const second = await world.memberAgent
      .patch(`/api/needs/${id}`)
      .send({ version: 1, title: 'Andra ändringen' });

    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'version_conflict', details: { currentVersion: 2 } });
  });

  it('when an admin approves, then the need is public and searchable, the coordinator is emailed and it is audited', async () => {
    const title = `Digital tillsyn av enskilda avlopp ${Date.now()}`;
    const id = await submittedNeed(world, { title });

    const res = await world.adminAgent
      .post(`/api/admin/moderation/needs/${id}/approve`)
      .send({ note: 'Bra behov' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const anonymous = await ctx.http().get(`/api/needs/${id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.permissions).toEqual({
      edit: false,
      submit: false,
      close: false,
      exportNotice: false,
    });
    expect(anonymous.body.rejection).toBeUndefined();
    const [mail] = await waitForMessages(world.coordinator.owner.email, {
      filter: (m) => m.subject.includes(title),
    });
    expect(mail!.subject).toBe(`Behovet ”${title}” är publicerat`);
    expect(mail!.text).toContain(`http://localhost:3000/behov/${id}`);
    const audit = await auditModel(ctx.deps.mongo).findOne({ action: 'need.approved', targetId: id }).lean();
    expect(audit).toMatchObject({
      actorId: expect.anything(),
      details: expect.objectContaining({ note: 'Bra behov' }),
    });
    await searchable(ctx.http, id, { q: 'enskilda avlopp' });
  });

  it('when an admin rejects with a reason, then the coordinator is emailed the reason and the network may edit and resubmit', async () => {
    const title = `Matsvinn i skolkök ${Date.now()}`;
    const id = await submittedNeed(world, { title });

    const reject = await world.adminAgent
      .post(`/api/admin/moderation/needs/${id}/reject`)
      .send({ reason: 'Beskriv behovet som funktioner, inte som en viss produkt.' });
    const view = await world.memberAgent.get(`/api/needs/${id}`);
    const edit = await world.memberAgent
      .patch(`/api/needs/${id}`)
      .send({ summary: 'Skolköken vill halvera matsvinnet genom bättre prognoser för antal ätande.' });
    const resubmit = await world.coordinatorAgent.post(`/api/needs/${id}/submit`);

    expect(reject.status).toBe(200);
    expect(reject.body.status).toBe('rejected');
    expect(view.body.rejection).toEqual({
      reason: 'Beskriv behovet som funktioner, inte som en viss produkt.',
      at: expect.any(String),
    });
    expect((await ctx.http().get(`/api/needs/${id}`)).status).toBe(404);
    expect(edit.status).toBe(200);
    expect(resubmit.status).toBe(200);
    expect(resubmit.body.status).toBe('submitted');
    const [mail] = await waitForMessages(world.coordinator.owner.email, {
      filter: (m) => m.subject.includes(title),
    });
    expect(mail!.text).toContain('Beskriv behovet som funktioner');
    const audit = await auditModel(ctx.deps.mongo).countDocuments({ action: 'need.rejected', targetId: id });
    expect(audit).toBe(1);
  });

  it('when a non-admin calls moderation, then 403; approving a draft is 409', async () => {
    const id = await draftNeed(world);

    const queue = await world.coordinatorAgent.get('/api/admin/moderation/needs');
    const approve = await world.coordinatorAgent.post(`/api/admin/moderation/needs/${id}/approve`).send({});
    const draft = await world.adminAgent.post(`/api/admin/moderation/needs/${id}/approve`).send({});

    expect(queue.status).toBe(403);
    expect(approve.status).toBe(403);
    expect(draft.status).toBe(409);
    expect(draft.body.error.details).toMatchObject({ action: 'approve', currentStatus: 'draft' });
  });

  it('when several needs are submitted, then the moderation queue lists them oldest first', async () => {
    const first = await submittedNeed(world, { title: 'Först inskickade behovet' });
    const second = await submittedNeed(world, { title: 'Sist inskickade behovet' });

    const res = await world.adminAgent.get('/api/admin/moderation/needs').query({ pageSize: '100' });

    expect(res.status).toBe(200);
    const ids: string[] = res.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(res.body.items.find((i: { id: string }) => i.id === first)).toMatchObject({
      network: { id: world.network.id, name: world.network.name },
      status: 'submitted',
      submittedAt: expect.any(String),
    });
  });

  it('when a published need is edited, then the change log shows what changed, when and by which organisation', async () => {
    const id = await publishedNeed(world);

    const edit = await world.memberAgent
      .patch(`/api/needs/${id}`)
      .send({ stage: 'rfi', regions: ['SE110'], changeNote: 'RFI öppnad' });
    const unchanged = await world.memberAgent.patch(`/api/needs/${id}`).send({ stage: 'rfi' });
    const log = await ctx.http().get(`/api/needs/${id}/changes`);

    expect(edit.status).toBe(200);
    expect(edit.body.changeCount).toBe(1);
    expect(unchanged.body.version).toBe(edit.body.version);
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(1);
    expect(log.body.items[0]).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      version: edit.body.version,
      organisation: { id: world.member.id, name: world.member.name },
      note: 'RFI öppnad',
      fields: [
        { field: 'regions', before: ['SE110', 'SE121'], after: ['SE110'] },
        { field: 'stage', before: 'market_dialogue', after: 'rfi' },
      ],
    });
    expect(JSON.stringify(log.body)).not.toContain(world.member.owner.id);
  });

  it('when the coordinator closes a published need, then it carries the outcome, stays public and closing again is 409', async () => {
    const id = await publishedNeed(world);
    const outcome = {
      result: 'procured',
      description: 'Ett innovationspartnerskap för styrd laddning med två leverantörer.',
      lessonsLearned: 'Tidig dialog gav bättre funktionskrav.',
    };

    const member = await world.memberAgent.post(`/api/needs/${id}/close`).send({ outcome });
    const res = await world.coordinatorAgent.post(`/api/needs/${id}/close`).send({ outcome });
    const again = await world.coordinatorAgent.post(`/api/needs/${id}/close`).send({ outcome });
    const edit = await world.coordinatorAgent.patch(`/api/needs/${id}`).send({ title: 'Efter stängning' });
    const publicView = await ctx.http().get(`/api/needs/${id}`);
    const log = await ctx.http().get(`/api/needs/${id}/changes`);

    expect(member.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'closed',
      stage: 'closed',
      closedAt: expect.any(String),
      outcome,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details.currentStatus).toBe('closed');
    expect(edit.status).toBe(409);
    expect(publicView.status).toBe(200);
    expect(log.body.items[0].fields.map((f: { field: string }) => f.field)).toEqual([
      'status',
      'stage',
      'outcome',
    ]);
  });

  it("when a network's needs are listed, then members see drafts and the public only published ones", async () => {
    const draft = await draftNeed(world);
    const published = await publishedNeed(world);

    const member = await world.memberAgent
      .get(`/api/networks/${world.network.id}/needs`)
      .query({ pageSize: '100' });
    const anonymous = await ctx
      .http()
      .get(`/api/networks/${world.network.id}/needs`)
      .query({ pageSize: '100' });

    const ids = (res: typeof member) => res.body.items.map((i: { id: string }) => i.id);
    expect(ids(member)).toEqual(expect.arrayContaining([draft, published]));
    expect(ids(anonymous)).toContain(published);
    expect(ids(anonymous)).not.toContain(draft);
    expect(
      anonymous.body.items.every((i: { status: string }) => ['published', 'closed'].includes(i.status)),
    ).toBe(true);
    // Cards mark the need's text with its language.
    expect(member.body.items.every((i: { language: string }) => i.language === 'sv')).toBe(true);
  });
});
