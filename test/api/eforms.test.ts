import { runSeed } from '../../scripts/seed/run.js';
import { validateNotices, type NoticeValidation } from '../../scripts/eforms/validator.js';
import { createEformsModule } from '../../server/modules/eforms/eforms.module.js';
import { createNetworksModule } from '../../server/modules/networks/networks.module.js';
import { createOrganisationsModule } from '../../server/modules/organisations/organisations.module.js';
import { createAppPolicy } from '../../server/policy.js';
import { needModel } from '../../server/modules/needs/need.model.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { daysFromNow } from '../helpers/meetings.js';
import { draftNeed, needsWorld, publishedNeed, type NeedsWorld } from './needs.fixtures.js';

/**
 * The E1 notice through the API, validated offline against the eForms SDK 1.15.1 XSD and the
 * E1 Schematron rules (scripts/eforms/validate.py on Saxon-HE; its venv is installed on first use).
 */
describe('eForms E1 notice', () => {
  let ctx: TestContext;
  let world: NeedsWorld;
  beforeAll(async () => {
    ctx = await createTestContext();
    world = await needsWorld(ctx);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const notice = (needId: string) => `/api/needs/${needId}/eforms-e1.xml`;
  const summary = (r: NoticeValidation) => ({
    xsdErrors: r.xsdErrors,
    failed: r.failed.map((f) => `${f.role} ${f.id} at ${f.location}`),
    error: r.error,
  });

  it('when network members download the notice of a need with a meeting, then it passes the SDK XSD and every E1 business rule and holds no personal data', async () => {
    // Arrange
    const needId = await publishedNeed(world, {
      questionsDeadline: daysFromNow(30).toISOString(),
      title: 'Laddning & styrning <depåer> för "flottor"',
    });
    const meeting = await world.coordinatorAgent.post(`/api/needs/${needId}/meetings`).send({
      kind: 'information_meeting',
      title: 'Informationsmöte om laddning',
      agenda: 'Behovet presenteras, sedan frågor.',
      format: 'hybrid',
      address: 'Stadshuset, Västra Esplanaden 18, Växjö',
      onlineUrl: 'https://meet.example.se/hemligt-rum-42',
      startsAt: daysFromNow(10).toISOString(),
      endsAt: daysFromNow(10, 11).toISOString(),
      capacity: 20,
      registrationDeadline: daysFromNow(8).toISOString(),
    });
    expect(meeting.status).toBe(201);
    const english = await publishedNeed(world, {
      language: 'en',
      title: 'Predictive maintenance of bridges',
      cpvCodes: ['71631450'],
      regions: ['SE'],
      demand: [],
      questionsDeadline: daysFromNow(20).toISOString(),
    });

    const long = await publishedNeed(world, {
      description: 'Behovet beskrivs utförligt här. '.repeat(620).trim(),
      questionsDeadline: daysFromNow(25).toISOString(),
    });

    // Act
    const byCoordinator = await world.coordinatorAgent.get(notice(needId));
    const longNotice = await world.coordinatorAgent.get(notice(long));
    const byMember = await world.memberAgent.get(notice(needId));
    const englishNotice = await world.coordinatorAgent.get(notice(english));
    const started = Date.now();
    const [sv, en, longer, broken] = await validateNotices([
      { name: 'sv-with-meeting', xml: byCoordinator.text },
      { name: 'en-country-only', xml: englishNotice.text },
      { name: 'long-description', xml: longNotice.text },
      // The validator must see a break: the same notice without its notice type (BT-02).
      {
        name: 'broken',
        xml: byCoordinator.text.replace(/<cbc:NoticeTypeCode[^>]*>pmc<\/cbc:NoticeTypeCode>/, ''),
      },
    ]);
    const validationMs = Date.now() - started;

    // Assert
    expect(byCoordinator.status).toBe(200);
    expect(byCoordinator.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(byCoordinator.headers['content-disposition']).toBe(
      `attachment; filename="eforms-e1-${needId}.xml"`,
    );
    expect(byMember.status).toBe(200);
    expect(englishNotice.status).toBe(200);
    expect(summary(sv!)).toEqual({ xsdErrors: [], failed: [], error: undefined });
    expect(sv!.xsdValid).toBe(true);
    expect(sv!.firedRules).toBeGreaterThan(100);
    expect(summary(en!)).toEqual({ xsdErrors: [], failed: [], error: undefined });
    expect(summary(longer!)).toEqual({ xsdErrors: [], failed: [], error: undefined });
    expect(longNotice.text).toContain(`(hela texten: http://localhost:3000/behov/${long})`);
    expect(broken!.failed.map((f) => f.id)).toEqual(expect.arrayContaining(['BR-BT-00002-0003']));
    const xml = byCoordinator.text;
    expect(xml).toContain('<cbc:NoticeTypeCode listName="consultation">pmc</cbc:NoticeTypeCode>');
    expect(xml).toContain('Laddning &amp; styrning &lt;depåer&gt; för "flottor"');
    expect(xml).toContain('<cbc:ItemClassificationCode listName="cpv">31158100</cbc:ItemClassificationCode>');
    expect(xml).toContain('<cbc:CountrySubentityCode listName="nuts-lvl3">SE110</cbc:CountrySubentityCode>');
    expect(xml).toContain(
      '<cbc:EstimatedOverallContractAmount currencyID="SEK">20500000.00</cbc:EstimatedOverallContractAmount>',
    );
    expect(xml).toContain('Informationsmöte om laddning');
    expect(xml).toContain('Stadshuset, Västra Esplanaden 18, Växjö');
    expect(xml).toContain(`http://localhost:3000/behov/${needId}`);
    expect(xml).toContain(world.coordinator.name);
    for (const secret of ['hemligt-rum-42', 'upphandling@test.behovstorget.se', 'Upphandlingsenheten', '@']) {
      expect(xml).not.toContain(secret);
    }
    console.log(
      `E1 validation of 4 notices (XSD + Schematron, incl. compiling the rules): ${validationMs} ms`,
    );
  }, 180_000);

  it('when someone outside the network asks, then anonymous gets 401, outsiders and suppliers 403 (and no download link), a missing need 404 and a bad id 400', async () => {
    // Arrange
    const needId = await publishedNeed(world);

    // Act
    const anonymous = await ctx.http().get(notice(needId));
    const outsider = await world.outsiderAgent.get(notice(needId));
    const supplier = await world.supplierAgent.get(notice(needId));
    const missing = await world.coordinatorAgent.get(notice('65a0c0ffee0000000000abcd'));
    const bad = await world.coordinatorAgent.get(notice('not-an-id'));
    const asMember = await world.memberAgent.get(`/api/needs/${needId}`);
    const asSupplier = await world.supplierAgent.get(`/api/needs/${needId}`);

    // Assert
    expect(anonymous.status).toBe(401);
    expect(outsider.status).toBe(403);
    expect(supplier.status).toBe(403);
    expect(missing.status).toBe(404);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(asMember.body.permissions.exportNotice).toBe(true);
    expect(asSupplier.body.permissions.exportNotice).toBe(false);
  });

  it('when the need lacks what E1 requires, then 422 names each field to fill in', async () => {
    // Arrange
    const needId = await draftNeed(world, { cpvCodes: [], questionsDeadline: null });

    // Act
    const res = await world.coordinatorAgent.get(notice(needId));

    // Assert
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('notice_incomplete');
    expect(res.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([
      ['cpvCodes', 'BT-262'],
      ['questionsDeadline', 'BT-800'],
    ]);
  });

  it('when the demo data is loaded, then every demo need that has a questions deadline and CPV codes gives a valid notice', async () => {
    // Arrange
    await ctx.reset();
    await runSeed(ctx.deps);
    const policy = createAppPolicy(ctx.deps);
    const orgs = createOrganisationsModule(ctx.deps, policy);
    const { service } = createEformsModule(
      ctx.deps,
      policy,
      orgs,
      createNetworksModule(ctx.deps, policy, orgs),
    );
    const needs = await needModel(ctx.deps.mongo)
      .find({}, { _id: 1, questionsDeadline: 1, cpvCodes: 1 })
      .lean();
    const complete = needs.filter((n) => n.questionsDeadline && n.cpvCodes.length > 0);

    // Act
    const notices = await Promise.all(
      complete.map(async (n) => ({ name: String(n._id), xml: (await service.e1Notice(String(n._id))).xml })),
    );
    const results = await validateNotices(notices);

    // Assert
    expect(complete.length).toBeGreaterThanOrEqual(5);
    expect(results.map((r) => [r.file, summary(r)])).toEqual(
      notices.map((n) => [n.name, { xsdErrors: [], failed: [], error: undefined }]),
    );
  }, 180_000);
});
