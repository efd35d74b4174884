import { auditModel } from '../../server/modules/audit/audit.model.js';
import { organisationModel } from '../../server/modules/organisations/organisation.model.js';
import { createUser, loginAs, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { messagesTo, waitForMessages } from '../helpers/mail.js';
import { addMember, createOrganisation } from '../helpers/factories.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';

/** Platform admins verify or reject organisations and read the audit log. */
describe('admin: organisation verification and the audit log', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let admin: TestUser;
  let asAdmin: Awaited<ReturnType<typeof loginAs>>['bearer'];
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
    admin = await createUser(ctx, { admin: true });
    asAdmin = (await loginAs(ctx, admin)).bearer;
  });

  describe('GET /api/admin/organisations', () => {
    it('when an admin lists pending organisations, then oldest come first, with their owners, paginated', async () => {
      const first = await createOrganisation(ctx, { verified: false, name: 'Första' });
      const second = await createOrganisation(ctx, { verified: false, name: 'Andra', kind: 'supplier' });
      await createOrganisation(ctx, { verified: false, name: 'Tredje' });
      await createOrganisation(ctx, { verified: true, name: 'Redan verifierad' });

      const page1 = await asAdmin(ctx.http().get('/api/admin/organisations?status=pending&pageSize=2'));
      const page2 = await asAdmin(
        ctx.http().get('/api/admin/organisations?status=pending&pageSize=2&page=2'),
      );
      const all = await asAdmin(ctx.http().get('/api/admin/organisations'));

      expect(page1.status).toBe(200);
      expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(page1.body.items.map((o: { name: string }) => o.name)).toEqual(['Första', 'Andra']);
      expect(page1.body.items[0].owners).toEqual([{ userId: first.owner.id, email: first.owner.email }]);
      expect(page1.body.items[1]).toMatchObject({ id: second.id, kind: 'supplier', status: 'pending' });
      expect(page2.body.items.map((o: { name: string }) => o.name)).toEqual(['Tredje']);
      expect(all.body.total).toBe(4);
    });

    it.each([
      ['an unknown status', 'status=approved', 'status'],
      ['a NoSQL operator as status', 'status[$ne]=x', 'status'],
      ['pageSize above 100', 'pageSize=500', 'pageSize'],
      ['page 0', 'page=0', 'page'],
    ])('when the query has %s, then 400 naming it', async (_what, query, field) => {
      const res = await asAdmin(ctx.http().get(`/api/admin/organisations?${query}`));

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ location: 'query', path: field })]);
    });

    it('when a non-admin asks, then 403 and the denial is in the audit log', async () => {
      const user = await createUser(ctx);
      const as = (await loginAs(ctx, user)).bearer;

      const res = await as(ctx.http().get('/api/admin/organisations?status=pending'));

      expect(res.status).toBe(403);
      const log = await asAdmin(
        ctx.http().get(`/api/admin/audit-log?action=authz.denied&actorId=${user.id}`),
      );
      expect(log.body.items).toEqual([
        expect.objectContaining({
          action: 'authz.denied',
          outcome: 'denied',
          actorId: user.id,
          details: { action: 'admin.verifyOrganisations', reason: 'not_admin', status: 403 },
        }),
      ]);
    });
  });

  describe('verify and reject', () => {
    it('when an admin verifies, then the organisation is verified, every owner gets an email in their language, and it is audited', async () => {
      const svOwner = await createUser(ctx, { language: 'sv' });
      const enOwner = await createUser(ctx, { language: 'en' });
      const member = await createUser(ctx);
      const org = await createOrganisation(ctx, { verified: false, owner: svOwner, name: 'Region Halland' });
      await addMember(ctx, org, enOwner, 'owner');
      await addMember(ctx, org, member, 'member');

      const res = await asAdmin(ctx.http().post(`/api/admin/organisations/${org.id}/verify`)).set(
        'User-Agent',
        'admin-ui',
      );

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: org.id, status: 'verified', verifiedAt: expect.any(String) });
      const [sv] = await waitForMessages(svOwner.email, {
        filter: (m) => m.subject.includes('Region Halland') && /verifi/.test(m.subject),
      });
      const [en] = await waitForMessages(enOwner.email, {
        filter: (m) => m.subject.includes('Region Halland') && /verifi/.test(m.subject),
      });
      expect(sv!.subject).toBe('Region Halland är verifierad på Behovstorget');
      expect(sv!.text).toContain(`http://localhost:3000/konto/organisationer/${org.id}`);
      expect(sv!.html).toContain('<html lang="sv">');
      expect(en!.subject).toBe('Region Halland is verified on Behovstorget');
      await workers.drain();
      // Members (not owners) are not told of the verification; their invitation email is all they got.
      expect((await messagesTo(member.email)).filter((m) => /verifi/.test(m.subject))).toHaveLength(0);
      const log = await asAdmin(ctx.http().get('/api/admin/audit-log?action=organisation.verified'));
      expect(log.body.items).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          actorEmail: admin.email,
          targetType: 'organisation',
          targetId: org.id,
          ip: expect.any(String),
          userAgent: 'admin-ui',
          outcome: 'success',
        }),
      ]);
    });

    it('when an admin rejects with a reason, then the owners read the reason; verifying twice is 409', async () => {
      const pending = await createOrganisation(ctx, { verified: false, name: 'Skum AB', kind: 'supplier' });
      const verified = await createOrganisation(ctx, { verified: true });

      const rejected = await asAdmin(ctx.http().post(`/api/admin/organisations/${pending.id}/reject`)).send({
        reason: 'Organisationsnumret tillhör ett annat bolag.',
      });
      const twice = await asAdmin(ctx.http().post(`/api/admin/organisations/${verified.id}/verify`));

      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejectionReason: 'Organisationsnumret tillhör ett annat bolag.',
      });
      const [mail] = await waitForMessages(pending.owner.email, {
        filter: (m) => m.subject.includes('Skum AB'),
      });
      expect(mail!.subject).toBe('Skum AB kunde inte verifieras');
      expect(mail!.text).toContain('Motivering: Organisationsnumret tillhör ett annat bolag.');
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('invalid_status');
    });

    it('when the decision is repeated at once, then exactly one wins and one email is sent', async () => {
      const org = await createOrganisation(ctx, { verified: false, name: 'Dubbelklick kommun' });

      const results = await Promise.all([
        asAdmin(ctx.http().post(`/api/admin/organisations/${org.id}/verify`)),
        asAdmin(ctx.http().post(`/api/admin/organisations/${org.id}/verify`)),
      ]);

      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      await workers.drain();
      expect(await messagesTo(org.owner.email)).toHaveLength(1);
    });

    it('when the input is bad, then 400 naming the field and nothing changes; an unknown id is 404', async () => {
      const org = await createOrganisation(ctx, { verified: false });

      const noReason = await asAdmin(ctx.http().post(`/api/admin/organisations/${org.id}/reject`)).send({});
      const operator = await asAdmin(ctx.http().post(`/api/admin/organisations/${org.id}/reject`)).send({
        reason: { $gt: '' },
      });
      const extra = await asAdmin(ctx.http().post(`/api/admin/organisations/${org.id}/reject`)).send({
        reason: 'Fel uppgifter.',
        status: 'verified',
      });
      const badId = await asAdmin(ctx.http().post('/api/admin/organisations/xyz/verify'));
      const unknown = await asAdmin(
        ctx.http().post('/api/admin/organisations/0123456789abcdef01234567/verify'),
      );

      for (const [res, field] of [
        [noReason, 'reason'],
        [operator, 'reason'],
        [extra, 'status'],
        [badId, 'id'],
      ] as const) {
        expect(res.status).toBe(400);
        expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
      }
      expect(unknown.status).toBe(404);
      expect((await organisationModel(ctx.deps.mongo).findById(org.id).lean())!.status).toBe('pending');
    });

    it('when a non-admin tries to verify their own organisation, then 403 and it stays pending', async () => {
      const org = await createOrganisation(ctx, { verified: false });
      const as = (await loginAs(ctx, org.owner)).bearer;

      const res = await as(ctx.http().post(`/api/admin/organisations/${org.id}/verify`));

      expect(res.status).toBe(403);
      expect((await organisationModel(ctx.deps.mongo).findById(org.id).lean())!.status).toBe('pending');
    });
  });

  describe('GET /api/admin/audit-log', () => {
    it('when a login fails, then the admin sees it with where it came from', async () => {
      const user = await createUser(ctx);
      await ctx
        .http()
        .post('/api/auth/login')
        .set('User-Agent', 'curl/8')
        .send({ email: user.email, password: 'fel-lösenord-123456' });

      const res = await asAdmin(ctx.http().get('/api/admin/audit-log?action=login&outcome=failure'));

      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          action: 'login',
          outcome: 'failure',
          actorEmail: user.email,
          userAgent: 'curl/8',
        }),
      ]);
    });

    it('when filtered by action prefix, actor and time, then only matching entries come, newest first', async () => {
      const audit = auditModel(ctx.deps.mongo);
      await audit.create([
        { action: 'organisation.verified', actorId: admin.id, createdAt: new Date('2026-01-01T10:00:00Z') },
        { action: 'organisation.rejected', actorId: admin.id, createdAt: new Date('2026-01-02T10:00:00Z') },
        { action: 'network.approved', actorId: admin.id, createdAt: new Date('2026-01-03T10:00:00Z') },
        {
          action: 'organisation.verified',
          actorId: '0123456789abcdef01234567',
          createdAt: new Date('2026-01-04T10:00:00Z'),
        },
      ]);

      const prefix = await asAdmin(
        ctx
          .http()
          .get(`/api/admin/audit-log?action=organisation.&actorId=${admin.id}&from=2026-01-01&to=2026-01-05`),
      );
      const window = await asAdmin(
        ctx.http().get('/api/admin/audit-log?from=2026-01-02T00:00:00Z&to=2026-01-03T00:00:00Z'),
      );

      expect(prefix.body.items.map((e: { action: string }) => e.action)).toEqual([
        'organisation.rejected',
        'organisation.verified',
      ]);
      expect(prefix.body.total).toBe(2);
      expect(window.body.items.map((e: { action: string }) => e.action)).toEqual(['organisation.rejected']);
    });

    it.each([
      ['a NoSQL operator as action', 'action[$ne]=x', 'action'],
      ['a regex as action', 'action=.*', 'action'],
      ['a bad actor id', 'actorId=abc', 'actorId'],
      ['a bad date', 'from=yesterday', 'from'],
      ['to before from', 'from=2026-02-01&to=2026-01-01', 'to'],
      ['an unknown parameter', 'sort=ip', 'sort'],
    ])('when the query has %s, then 400 naming it', async (_what, query, field) => {
      const res = await asAdmin(ctx.http().get(`/api/admin/audit-log?${query}`));

      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: field })]);
    });
  });
});
