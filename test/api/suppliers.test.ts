import mongoose from 'mongoose';
import { createUser, loginAs } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { addMember, createOrganisation } from '../helpers/factories.js';
import { waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { createCast, profileBody, settleSearch, type Cast } from '../fixtures/suppliers.js';

describe('supplier profiles: lifecycle, moderation and visibility', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let cast: Cast;
  let id: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });
  beforeEach(async () => {
    // Let the previous test's index syncs finish first: on a busy machine one Meilisearch task
    // can take seconds, longer than reset() waits.
    await workers.drain(30_000);
    await settleSearch(ctx);
    await ctx.reset();
    cast = await createCast(ctx);
    id = cast.supplier.org.id;
  });

  const save = (body: Record<string, unknown> = profileBody()) =>
    cast.supplier.login.agent.put(`/api/organisations/${id}/profile`).send(body);
  const approve = () => cast.admin.agent.post(`/api/admin/moderation/suppliers/${id}/approve`);
  const viewAs = {
    anonymous: () => ctx.http().get(`/api/suppliers/${id}`),
    otherSupplier: () => cast.otherSupplier.bearer(ctx.http().get(`/api/suppliers/${id}`)),
    unverifiedBuyer: () => cast.unverifiedBuyer.bearer(ctx.http().get(`/api/suppliers/${id}`)),
    verifiedBuyer: () => cast.verifiedBuyer.bearer(ctx.http().get(`/api/suppliers/${id}`)),
    admin: () => cast.admin.bearer(ctx.http().get(`/api/suppliers/${id}`)),
    supplier: () => cast.supplier.login.bearer(ctx.http().get(`/api/suppliers/${id}`)),
  };

  it('when a supplier saves a new profile, then it waits for review and only its organisation and admins see it', async () => {
    const res = await save();

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      status: 'pending_review',
      listed: false,
      name: 'Vårdappen',
      cpvCodes: [
        { code: '48814000', sv: expect.any(String), en: expect.any(String) },
        { code: '72212100', sv: expect.any(String), en: expect.any(String) },
      ],
      approvedVersion: null,
    });
    expect(res.body.contacts[0]).toMatchObject({
      email: 'karin.lund@vardappen.example.se',
      consentAt: expect.any(String),
    });
    expect((await viewAs.anonymous()).status).toBe(404);
    expect((await viewAs.verifiedBuyer()).status).toBe(404);
    expect((await viewAs.otherSupplier()).status).toBe(404);
    expect((await viewAs.supplier()).status).toBe(200);
    expect((await viewAs.admin()).status).toBe(200);
    const queue = await cast.admin.bearer(ctx.http().get('/api/admin/moderation/suppliers'));
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('when an admin approves, then verified buyers see it with contact persons and the owners get an email', async () => {
    await save();

    const res = await approve();

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', listed: true });
    const buyer = await viewAs.verifiedBuyer();
    expect(buyer.status).toBe(200);
    expect(buyer.body.contacts).toEqual([
      {
        name: 'Karin Lund',
        role: 'Försäljningschef',
        email: 'karin.lund@vardappen.example.se',
        phone: '+46 70 123 45 67',
      },
    ]);
    // Not public: nobody else outside the organisation sees it.
    expect((await viewAs.anonymous()).status).toBe(404);
    expect((await viewAs.unverifiedBuyer()).status).toBe(404);
    expect((await viewAs.otherSupplier()).status).toBe(404);
    const [mail] = await waitForMessages(cast.supplier.owner.email, {
      filter: (m) => m.subject.includes('godkänd'),
    });
    expect(mail!.text).toContain(`/konto/organisationer/${id}/profil`);
  });

  it('when the profile is public, then everyone sees it but contact persons only reach verified buyers, the supplier and admins', async () => {
    await save(profileBody({ publicProfile: true }));
    await approve();

    const results = {
      anonymous: await viewAs.anonymous(),
      otherSupplier: await viewAs.otherSupplier(),
      unverifiedBuyer: await viewAs.unverifiedBuyer(),
      verifiedBuyer: await viewAs.verifiedBuyer(),
      admin: await viewAs.admin(),
      supplier: await viewAs.supplier(),
    };

    for (const [who, res] of Object.entries(results)) {
      expect({ who, status: res.status }).toEqual({ who, status: 200 });
      const sees = who === 'verifiedBuyer' || who === 'admin' || who === 'supplier';
      expect({ who, hasContacts: 'contacts' in res.body }).toEqual({ who, hasContacts: sees });
      expect({ who, leaks: JSON.stringify(res.body).includes('karin.lund') }).toEqual({ who, leaks: sees });
    }
  });

  it('when an approved profile changes a reviewed field, then the approved version stays visible until the change is approved', async () => {
    await save();
    await approve();

    const changed = await save(
      profileBody({ pitch: 'Nu även AI-stöd för triage i primärvården och hemsjukvården.' }),
    );

    expect(changed.body).toMatchObject({ status: 'pending_review', listed: true, pendingChanges: ['pitch'] });
    expect(changed.body.approvedVersion.pitch).toContain('Digitala vårdmöten');
    expect((await viewAs.verifiedBuyer()).body.pitch).toContain('Digitala vårdmöten');
    await approve();
    expect((await viewAs.verifiedBuyer()).body.pitch).toContain('AI-stöd');
  });

  it('when an approved profile is stored with one copy of its content (as the import writes it), then its owner sees and edits it as usual', async () => {
    await save();
    await approve();
    await ctx.deps.mongo
      .collection('supplier_profiles')
      .updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $unset: { current: 1 } });

    const own = await cast.supplier.login.agent.get(`/api/organisations/${id}/profile`);
    const changed = await save(
      profileBody({ pitch: 'Nu även AI-stöd för triage i primärvården och hemsjukvården.' }),
    );

    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'approved', name: 'Vårdappen', pendingChanges: [] });
    expect(own.body.pitch).toContain('Digitala vårdmöten');
    expect(changed.body).toMatchObject({ status: 'pending_review', listed: true, pendingChanges: ['pitch'] });
    expect(changed.body.approvedVersion.pitch).toContain('Digitala vårdmöten');
    expect((await viewAs.verifiedBuyer()).body.pitch).toContain('Digitala vårdmöten');
  });

  it('when only contact persons or facts change, then no review is needed and buyers see it at once', async () => {
    await save();
    await approve();

    const res = await save(
      profileBody({
        companySize: 'medium',
        contacts: [{ name: 'Omar Said', email: 'omar@vardappen.example.se', consent: true }],
      }),
    );

    expect(res.body).toMatchObject({ status: 'approved', pendingChanges: [] });
    const buyer = await viewAs.verifiedBuyer();
    expect(buyer.body.companySize).toBe('medium');
    expect(buyer.body.contacts.map((c: { email: string }) => c.email)).toEqual(['omar@vardappen.example.se']);
  });

  it('when an admin rejects with a reason, then the owners are told why and the profile stays unlisted', async () => {
    await save();

    const res = await cast.admin.agent
      .post(`/api/admin/moderation/suppliers/${id}/reject`)
      .send({ reason: 'Beskrivningen saknar vad ni faktiskt levererar.' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Beskrivningen saknar vad ni faktiskt levererar.',
    });
    expect((await viewAs.verifiedBuyer()).status).toBe(404);
    const [mail] = await waitForMessages(cast.supplier.owner.email, {
      filter: (m) => m.subject.includes('godkändes inte'),
    });
    expect(mail!.text).toContain('Beskrivningen saknar vad ni faktiskt levererar.');
    expect((await approve()).status).toBe(200);
  });

  it('when an admin suspends with a reason, then nobody but the organisation and admins sees it and the owners get the reason', async () => {
    await save(profileBody({ publicProfile: true }));
    await approve();

    const res = await cast.admin.agent
      .post(`/api/admin/suppliers/${id}/suspend`)
      .send({ reason: 'Falska referenser.' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'suspended',
      listed: false,
      suspensionReason: 'Falska referenser.',
    });
    expect((await viewAs.anonymous()).status).toBe(404);
    expect((await viewAs.verifiedBuyer()).status).toBe(404);
    expect((await viewAs.supplier()).status).toBe(200);
    const [mail] = await waitForMessages(cast.supplier.owner.email, {
      filter: (m) => m.subject.includes('avstängd'),
    });
    expect(mail!.text).toContain('Falska referenser.');
    // Editing does not lift the suspension.
    expect(
      (await save(profileBody({ pitch: 'Ny pitch som ska ändra på allt för alla kunder.' }))).body.status,
    ).toBe('suspended');
    const reinstated = await cast.admin.agent.post(`/api/admin/suppliers/${id}/reinstate`);
    expect(reinstated.body).toMatchObject({ status: 'pending_review', listed: true });
  });

  it('when moderation is asked of a non-admin or in the wrong state, then 403 or 409', async () => {
    await save();

    const asSupplier = await cast.supplier.login.agent.post(`/api/admin/moderation/suppliers/${id}/approve`);
    await approve();
    const twice = await approve();

    expect(asSupplier.status).toBe(403);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('invalid_state');
  });

  it('when the organisation is not verified yet, then its profile cannot be approved', async () => {
    const pending = await createOrganisation(ctx, { kind: 'supplier', verified: false });
    const owner = await loginAs(ctx, pending.owner);
    await owner.agent.put(`/api/organisations/${pending.id}/profile`).send(profileBody());

    const res = await cast.admin.agent.post(`/api/admin/moderation/suppliers/${pending.id}/approve`);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('organisation_not_verified');
  });

  it('when the input is invalid, then 400 names each field', async () => {
    const res = await save(
      profileBody({
        cpvCodes: ['48814000', '12345678'],
        regions: ['SE999'],
        companySize: 'huge',
        contacts: [{ name: 'Utan Samtycke', email: 'x@example.se', consent: false }],
        website: 'javascript:alert(1)',
        extra: true,
      }),
    );

    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'cpvCodes.1',
        'regions.0',
        'companySize',
        'contacts.0.consent',
        'website',
        'extra',
      ]),
    );
  });

  it('when someone outside the organisation or a buyer saves a profile, then 401, 404 or 400 not_a_supplier', async () => {
    const anonymous = await ctx.http().put(`/api/organisations/${id}/profile`).send(profileBody());
    const outsider = await cast.otherSupplier.agent
      .put(`/api/organisations/${id}/profile`)
      .send(profileBody());
    const buyerOrg = await createOrganisation(ctx, { kind: 'buyer', verified: true });
    const buyer = await loginAs(ctx, buyerOrg.owner);
    const asBuyer = await buyer.agent.put(`/api/organisations/${buyerOrg.id}/profile`).send(profileBody());

    expect(anonymous.status).toBe(401);
    expect(outsider.status).toBe(404);
    expect(asBuyer.status).toBe(400);
    expect(asBuyer.body.error.code).toBe('not_a_supplier');
  });

  it('when a verified buyer reports a profile, then it is recorded once; unverified buyers and visitors may not report', async () => {
    await save(profileBody({ publicProfile: true }));
    await approve();
    const reason = { reason: 'Referensen från Region Uppsala stämmer inte.' };

    const first = await cast.verifiedBuyer.agent.post(`/api/suppliers/${id}/reports`).send(reason);
    const again = await cast.verifiedBuyer.agent.post(`/api/suppliers/${id}/reports`).send(reason);
    const unverified = await cast.unverifiedBuyer.agent.post(`/api/suppliers/${id}/reports`).send(reason);
    const anonymous = await ctx.http().post(`/api/suppliers/${id}/reports`).send(reason);
    const short = await cast.verifiedBuyer.agent.post(`/api/suppliers/${id}/reports`).send({ reason: 'fel' });

    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_reported');
    expect(unverified.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(short.status).toBe(400);
    const reported = await cast.admin.bearer(ctx.http().get('/api/admin/moderation/suppliers?reported=true'));
    expect(reported.body.items).toEqual([expect.objectContaining({ id, openReports: 1 })]);
    expect((await viewAs.anonymous()).status).toBe(200);
  });

  it('when three buyers report a profile, then it is hidden and its owners told; an admin restores it or keeps it hidden', async () => {
    await save(profileBody({ publicProfile: true }));
    await approve();
    const buyers = [cast.verifiedBuyer];
    for (let i = 0; i < 2; i++) {
      const org = await createOrganisation(ctx, { kind: 'buyer', verified: true });
      buyers.push(await loginAs(ctx, org.owner));
    }
    const reason = { reason: 'Profilen påstår certifieringar som bolaget inte har.' };

    for (const b of buyers)
      expect((await b.agent.post(`/api/suppliers/${id}/reports`).send(reason)).status).toBe(201);

    expect((await viewAs.anonymous()).status).toBe(404);
    expect((await viewAs.verifiedBuyer()).status).toBe(404);
    await workers.drain(30_000);
    await settleSearch(ctx);
    expect((await ctx.http().get('/api/suppliers?q=Vårdappen')).body.total).toBe(0);
    await waitForMessages(cast.supplier.owner.email, { filter: (m) => m.subject.includes('dold') });
    const restored = await cast.admin.agent
      .post(`/api/admin/moderation/suppliers/${id}/reports/resolve`)
      .send({ decision: 'restore' });
    expect(restored.body).toMatchObject({ status: 'approved', listed: true });
    expect((await viewAs.anonymous()).status).toBe(200);

    for (const b of buyers) await b.agent.post(`/api/suppliers/${id}/reports`).send(reason);
    const kept = await cast.admin.agent
      .post(`/api/admin/moderation/suppliers/${id}/reports/resolve`)
      .send({ decision: 'keep_hidden', note: 'Certifieringarna kunde inte styrkas.' });

    expect(kept.body).toMatchObject({
      status: 'suspended',
      listed: false,
      suspensionReason: 'Certifieringarna kunde inte styrkas.',
    });
    expect((await viewAs.verifiedBuyer()).status).toBe(404);
  });

  it('when the owner exports the organisation, then the JSON holds the profile, contacts with consent and members; a plain member may not', async () => {
    await save();
    const member = await createUser(ctx);
    await addMember(ctx, cast.supplier.org, member);
    const memberLogin = await loginAs(ctx, member);

    const res = await cast.supplier.login.bearer(ctx.http().get(`/api/organisations/${id}/export`));
    const asMember = await memberLogin.bearer(ctx.http().get(`/api/organisations/${id}/export`));

    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.organisation).toMatchObject({ id, orgNumber: cast.supplier.org.orgNumber });
    expect(res.body.profile.contacts[0]).toMatchObject({
      email: 'karin.lund@vardappen.example.se',
      consentSource: 'profile',
    });
    expect(res.body.members).toHaveLength(2);
    expect(asMember.status).toBe(403);
  });

  it('when the owner deletes the organisation, then the profile is gone from reads, search and the organisation list', async () => {
    await save(profileBody({ publicProfile: true }));
    await approve();
    await workers.drain();
    expect((await ctx.http().get('/api/suppliers?q=Vårdappen')).body.total).toBe(1);

    const res = await cast.supplier.login.agent.delete(`/api/organisations/${id}`);
    await workers.drain();

    expect(res.status).toBe(204);
    expect((await viewAs.admin()).status).toBe(404);
    expect((await ctx.http().get('/api/suppliers?q=Vårdappen')).body.total).toBe(0);
    expect((await cast.admin.bearer(ctx.http().get(`/api/organisations/${id}`))).status).toBe(404);
  });
});
