import { createUser, loginAs } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { waitForMessages } from '../helpers/mail.js';
import { createNetwork, createOrganisation } from '../helpers/factories.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

/** Admins approve networks (which makes them public) or reject them with a reason. */
describe('admin: network moderation', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });
  beforeEach(async () => {
    await workers.drain();
    await ctx.reset();
  });

  const adminBearer = async () => (await loginAs(ctx, await createUser(ctx, { admin: true }))).bearer;

  it('when an admin lists pending networks, then they come oldest first with their coordinator', async () => {
    const lund = await createOrganisation(ctx, { name: 'Lunds kommun' });
    await createNetwork(ctx, { coordinator: lund, name: 'Först in', approved: false });
    await createNetwork(ctx, { coordinator: lund, name: 'Redan ute', approved: true });
    await createNetwork(ctx, { coordinator: lund, name: 'Sist in', approved: false });
    const asAdmin = await adminBearer();

    const res = await asAdmin(ctx.http().get('/api/admin/networks?status=pending'));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(res.body.items.map((n: { name: string }) => n.name)).toEqual(['Först in', 'Sist in']);
    expect(res.body.items[0].coordinator).toEqual({ id: lund.id, name: 'Lunds kommun', buyerType: 'kommun' });
  });

  it("when an admin approves, then the network is public and the coordinator's owners get an email", async () => {
    const owner = await createUser(ctx, { language: 'en' });
    const coordinator = await createOrganisation(ctx, { owner });
    const network = await createNetwork(ctx, { coordinator, name: 'Vård i hemmet', approved: false });
    const asAdmin = await adminBearer();
    expect((await ctx.http().get(`/api/networks/${network.id}`)).status).toBe(404);

    const res = await asAdmin(ctx.http().post(`/api/admin/networks/${network.id}/approve`));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    expect((await ctx.http().get(`/api/networks/${network.id}`)).status).toBe(200);
    expect((await ctx.http().get('/api/networks')).body.items.map((n: { id: string }) => n.id)).toEqual([
      network.id,
    ]);
    const [mail] = await waitForMessages(owner.email, { filter: (m) => m.subject.includes('Vård i hemmet') });
    expect(mail!.subject).toBe('The buyer network Vård i hemmet is approved');
    expect(mail!.text).toContain(`http://localhost:3000/natverk/${network.id}`);
  });

  it('when an admin takes an approved network down with a reason, then it leaves the public list and the reason is mailed', async () => {
    const coordinator = await createOrganisation(ctx);
    const network = await createNetwork(ctx, { coordinator, name: 'Tveksamt nätverk' });
    const asAdmin = await adminBearer();

    const res = await asAdmin(ctx.http().post(`/api/admin/networks/${network.id}/reject`)).send({
      reason: 'Nätverket marknadsför en enskild leverantör.',
    });
    const again = await asAdmin(ctx.http().post(`/api/admin/networks/${network.id}/reject`)).send({
      reason: 'Igen.',
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Nätverket marknadsför en enskild leverantör.',
    });
    expect((await ctx.http().get('/api/networks')).body.total).toBe(0);
    const [mail] = await waitForMessages(coordinator.owner.email, {
      filter: (m) => m.subject.includes('Tveksamt nätverk') && m.subject.includes('inte godkänt'),
    });
    expect(mail!.text).toContain('Motivering: Nätverket marknadsför en enskild leverantör.');
    expect(again.status).toBe(409);
    const log = await asAdmin(ctx.http().get(`/api/admin/audit-log?action=network.rejected`));
    expect(log.body.items).toEqual([
      expect.objectContaining({
        targetId: network.id,
        details: { name: 'Tveksamt nätverk', reason: expect.any(String) },
      }),
    ]);
  });

  it('when the coordinator tries to approve its own network, then 403', async () => {
    const coordinator = await createOrganisation(ctx);
    const network = await createNetwork(ctx, { coordinator, approved: false });
    const as = (await loginAs(ctx, coordinator.owner)).bearer;

    const res = await as(ctx.http().post(`/api/admin/networks/${network.id}/approve`));

    expect(res.status).toBe(403);
    expect((await as(ctx.http().get(`/api/networks/${network.id}`))).body.status).toBe('pending');
  });

  it('when the reject body is bad, then 400 naming the field', async () => {
    const network = await createNetwork(ctx, { coordinator: await createOrganisation(ctx), approved: false });
    const asAdmin = await adminBearer();

    const res = await asAdmin(ctx.http().post(`/api/admin/networks/${network.id}/reject`)).send({
      reason: ['x'],
    });

    expect(res.status).toBe(400);
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(new Set(paths)).toEqual(new Set(['reason']));
  });
});
