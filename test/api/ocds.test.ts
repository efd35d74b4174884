import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { meetingModel } from '../../server/modules/meetings/meeting.model.js';
import { needModel } from '../../server/modules/needs/need.model.js';
import { merge, type JsonObject } from '../../server/modules/ocds/ocds.merge.js';
import { ocdsServiceFor } from '../../server/modules/ocds/ocds.service.js';
import { ensureOcdsDumpSchedule } from '../../server/modules/ocds/ocds.schedule.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import {
  createPublishedNeed,
  createSuppliers,
  daysFromNow,
  settle,
  type TestSupplier,
} from '../helpers/meetings.js';
import { ocdsValidators } from '../helpers/ocds-schema.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { writeOcdsDumpProcessor } from '../../workers/processors/ocds.js';
import { needsWorld, publishedNeed, type NeedsWorld } from './needs.fixtures.js';

type Release = JsonObject & { id: string; date: string; tag: string[]; ocid: string };

/** OCDS releases on the real stack: every public change of a need, through the outbox and the workers. */
describe('OCDS API', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let world: NeedsWorld;
  let dumpDir: string;
  const validate = ocdsValidators();

  beforeAll(async () => {
    dumpDir = mkdtempSync(path.join(tmpdir(), 'bt-ocds-'));
    ctx = await createTestContext({ env: { OPEN_DATA_DIR: dumpDir } });
    workers = await runWorkersInProcess(ctx);
    world = await needsWorld(ctx, { networkName: 'Laddnätverket Småland' });
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
    rmSync(dumpDir, { recursive: true, force: true });
  });

  const releasesOf = async (id: string) => {
    await settle(ctx, 60_000);
    const res = await ctx.http().get(`/api/ocds/needs/${id}/releases`);
    expect(res.status).toBe(200);
    return { pkg: res.body as JsonObject, releases: res.body.releases as Release[] };
  };

  describe('one need through its whole public life', () => {
    let supplier: TestSupplier;
    let needId: string;
    let meetingId: string;
    const steps: { step: string; releases: Release[] }[] = [];
    const secrets: string[] = [];

    beforeAll(async () => {
      [supplier] = (await createSuppliers(ctx, 1)) as [TestSupplier];
      secrets.push(
        supplier.email,
        supplier.organisationName,
        supplier.orgNumber,
        supplier.organisationId,
        supplier.userId,
      );
      const contact = { name: 'Anna Kontaktsson', email: 'anna.kontakt@vaxjo.example', phone: '0470-123456' };
      secrets.push(contact.name, contact.email, contact.phone);
      // Publish.
      needId = await publishedNeed(world, { questionsDeadline: daysFromNow(20).toISOString(), contact });
      steps.push({ step: 'publish', releases: (await releasesOf(needId)).releases });
      // Edit.
      const edit = await world.coordinatorAgent
        .patch(`/api/needs/${needId}`)
        .send({ title: 'Styrd laddning för kommunala fordonsflottor', changeNote: 'Tydligare titel' });
      expect(edit.status).toBe(200);
      steps.push({ step: 'edit', releases: (await releasesOf(needId)).releases });
      // A meeting.
      const onlineUrl = 'https://meet.example.se/hemlig-laddning-42';
      secrets.push(onlineUrl, 'hemlig-laddning');
      const created = await world.coordinatorAgent.post(`/api/needs/${needId}/meetings`).send({
        kind: 'information_meeting',
        title: 'Informationsmöte om laddning',
        agenda: 'Behovet presenteras, sedan frågor.',
        format: 'hybrid',
        address: 'Stadshuset, Västra Esplanaden 18, Växjö',
        onlineUrl,
        startsAt: daysFromNow(10).toISOString(),
        endsAt: daysFromNow(10, 11).toISOString(),
        capacity: 10,
      });
      expect(created.status).toBe(201);
      meetingId = created.body.id;
      // A registration is not public: no release, and the participants appear nowhere.
      const participant = { name: 'Petra Deltagarsson', email: 'petra.deltagare@laddbolaget.example' };
      secrets.push(participant.name, participant.email);
      const registered = await supplier
        .bearer(ctx.http().post(`/api/meetings/${meetingId}/registrations`))
        .send({ participants: [participant] });
      expect(registered.status).toBe(201);
      steps.push({ step: 'meeting', releases: (await releasesOf(needId)).releases });
      // Reschedule.
      const moved = await world.coordinatorAgent
        .patch(`/api/meetings/${meetingId}`)
        .send({ startsAt: daysFromNow(12).toISOString(), endsAt: daysFromNow(12, 11).toISOString() });
      expect(moved.status).toBe(200);
      steps.push({ step: 'reschedule', releases: (await releasesOf(needId)).releases });
      // An answered question.
      const asked = await supplier
        .bearer(ctx.http().post(`/api/needs/${needId}/questions`))
        .send({ question: 'Vi på Laddbolaget undrar: fungerar befintliga laddare med OCPP?' });
      expect(asked.status).toBe(201);
      secrets.push('Laddbolaget undrar');
      const answered = await world.coordinatorAgent.post(`/api/questions/${asked.body.id}/answer`).send({
        question: 'Fungerar befintliga laddare med OCPP?',
        answer: 'Ja, öppna protokoll (OCPP 1.6 eller senare) är ett krav.',
      });
      expect(answered.status).toBe(200);
      steps.push({ step: 'question', releases: (await releasesOf(needId)).releases });
      // The meeting is held (time passes), then its summary is published.
      await meetingModel(ctx.deps.mongo).updateOne(
        { _id: meetingId },
        { $set: { startsAt: daysFromNow(-1), endsAt: daysFromNow(-1, 11) } },
      );
      const summary = await world.coordinatorAgent.post(`/api/meetings/${meetingId}/summary`).send({
        presented: 'Behovet och tidplanen presenterades.',
        questionsAsked: 'Frågor om effekttoppar.',
        changesToNeed: 'Inga.',
      });
      expect(summary.status).toBe(200);
      steps.push({ step: 'summary', releases: (await releasesOf(needId)).releases });
      // Closed without a procurement.
      const closed = await world.coordinatorAgent.post(`/api/needs/${needId}/close`).send({
        outcome: {
          result: 'not_procured',
          description: 'Marknaden kunde inte leverera styrd laddning i tid.',
          lessonsLearned: 'Börja dialogen med elnätsbolagen tidigare.',
        },
      });
      expect(closed.status).toBe(200);
      steps.push({ step: 'close', releases: (await releasesOf(needId)).releases });
    }, 120_000);

    it('when each public change happens, then exactly one release is added under the same ocid: planning first, planningUpdate after', () => {
      expect(steps.map((s) => s.releases.length)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const all = steps.at(-1)!.releases;
      expect(all.map((r) => r.tag)).toEqual([['planning'], ...Array(6).fill(['planningUpdate'])]);
      expect(new Set(all.map((r) => r.ocid))).toEqual(new Set([`ocds-xxxxxx-behovstorget-${needId}`]));
      expect(new Set(all.map((r) => r.id)).size).toBe(7);
      const dates = all.map((r) => Date.parse(r.date));
      expect([...dates].sort((a, b) => a - b)).toEqual(dates);
      // Stored releases never change: each step's list starts with the previous step's list.
      for (let i = 1; i < steps.length; i += 1) {
        expect(steps[i]!.releases.slice(0, i)).toEqual(steps[i - 1]!.releases);
      }
    });

    it('when the releases are validated, then every release, the package and the record pass the official OCDS 1.1.5 schemas', async () => {
      const { pkg, releases } = await releasesOf(needId);
      const record = await ctx.http().get(`/api/ocds/needs/${needId}/record`);

      for (const r of releases)
        expect({ id: r.id, errors: validate.release(r) }).toEqual({ id: r.id, errors: [] });
      expect(validate.releasePackage(pkg)).toEqual([]);
      expect(pkg).toMatchObject({
        version: '1.1',
        publisher: { name: 'Behovstorget' },
        license: 'https://creativecommons.org/publicdomain/zero/1.0/',
        extensions: [
          expect.stringContaining('ocds_enquiry_extension'),
          expect.stringContaining('ocds_location_extension'),
        ],
      });
      expect(record.status).toBe(200);
      const [rec] = record.body.records as { ocid: string; releases: Release[]; compiledRelease: Release }[];
      expect(record.body.packages).toEqual([`http://localhost:3000/api/ocds/needs/${needId}/releases`]);
      expect(rec!.ocid).toBe(releases[0]!.ocid);
      expect(rec!.releases).toEqual(releases);
      expect(validate.release(rec!.compiledRelease)).toEqual([]);
      expect(rec!.compiledRelease.tag).toEqual(['compiled']);
      const { id: _id, date: _date, tag: _tag, ...compiled } = rec!.compiledRelease;
      const merged = releases.reduce<JsonObject>((acc, r) => merge(acc, r), {});
      const { id: _i, date: _d, tag: _t, ...expected } = merged;
      expect(compiled).toEqual(expected);
    });

    it('when each step is read, then its delta carries the issue mapping and ids stay stable across releases', () => {
      const [publish, edit, meeting, reschedule, question, summary, close] = steps.at(-1)!.releases;
      expect(publish).toMatchObject({
        initiationType: 'tender',
        tender: { id: needId, status: 'planning', procuringEntity: { name: 'Laddnätverket Småland' } },
        buyer: { name: world.coordinator.name },
        planning: {
          budget: { amount: { amount: 20_500_000, currency: 'SEK' } },
          documents: expect.arrayContaining([
            expect.objectContaining({ id: 'market-engagement', documentType: 'marketEngagementNotice' }),
          ]),
        },
      });
      expect(publish!.parties).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ roles: ['procuringEntity'] }),
          expect.objectContaining({
            id: `SE-BLV-${world.coordinator.orgNumber.replace(/\D/g, '')}`,
            identifier: expect.objectContaining({ scheme: 'SE-BLV' }),
            roles: ['buyer'],
          }),
          expect.objectContaining({ name: world.member.name, roles: ['buyer'] }),
        ]),
      );
      expect(edit).toMatchObject({
        tender: { id: needId, title: 'Styrd laddning för kommunala fordonsflottor' },
        planning: {
          documents: [{ id: 'market-engagement', title: 'Styrd laddning för kommunala fordonsflottor' }],
        },
      });
      expect(Object.keys(edit!).sort()).toEqual([
        'date',
        'id',
        'initiationType',
        'ocid',
        'planning',
        'tag',
        'tender',
      ]);
      const milestoneId = `meeting-${meetingId}`;
      expect(meeting).toMatchObject({
        planning: {
          milestones: [
            {
              id: milestoneId,
              type: 'engagement',
              status: 'scheduled',
              documents: [
                {
                  id: `${milestoneId}-ics`,
                  url: `http://localhost:3000/api/meetings/${meetingId}/event.ics`,
                },
              ],
            },
          ],
        },
      });
      expect(reschedule).toMatchObject({
        planning: { milestones: [{ id: milestoneId, dueDate: daysFromNow(12).toISOString() }] },
      });
      const [enquiry] = (question!.tender as JsonObject).enquiries as JsonObject[];
      expect(enquiry).toMatchObject({
        description: 'Fungerar befintliga laddare med OCPP?',
        answer: 'Ja, öppna protokoll (OCPP 1.6 eller senare) är ett krav.',
      });
      expect(enquiry).not.toHaveProperty('author');
      expect(summary).toMatchObject({
        planning: {
          documents: [
            expect.objectContaining({ id: `meeting-${meetingId}-summary`, documentType: 'hearingNotice' }),
          ],
          milestones: [expect.objectContaining({ id: milestoneId, status: 'met' })],
        },
      });
      expect(close).toMatchObject({
        tender: { status: 'withdrawn' },
        planning: { documents: [expect.objectContaining({ id: 'outcome', documentType: 'marketStudies' })] },
      });
    });

    it('when anything OCDS is served, then no personal data appears: no contacts, suppliers, participants, askers, online links or emails', async () => {
      await settle(ctx, 60_000);
      const network = await ctx.http().get(`/api/networks/${world.network.id}`);
      secrets.push(network.body.contact?.name ?? 'Nätverkskontakt', network.body.contact?.email ?? '@');
      const bodies = [
        await ctx.http().get(`/api/ocds/needs/${needId}/releases`),
        await ctx.http().get(`/api/ocds/needs/${needId}/record`),
        await ctx.http().get('/api/ocds/releases'),
      ].map((r) => JSON.stringify(r.body));
      for (const body of bodies) {
        for (const secret of secrets) expect(body).not.toContain(secret);
        expect(body).not.toContain('@');
        expect(body).not.toMatch(/author|contactPoint|askedBy|onlineUrl|originalText/);
      }
    });
  });

  it('when many needs are public, then GET /api/ocds/releases pages 100 at a time oldest first with links.next, and since filters', async () => {
    for (let i = 0; i < 104; i += 1) {
      await createPublishedNeed(ctx, world.network.id, {
        title: `Behov ${i}`,
        publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        cpvCodes: ['48000000'],
        regions: ['SE212'],
      });
    }
    const recorded = await ocdsServiceFor(ctx.deps).recordMissing();

    const first = await ctx.http().get('/api/ocds/releases');
    const second = await ctx
      .http()
      .get(new URL(first.body.links.next).pathname + new URL(first.body.links.next).search);
    const since = await ctx.http().get('/api/ocds/releases').query({ since: '2026-01-01T01:40:00Z' });
    expect(since.status).toBe(200);

    expect(recorded).toBe(104);
    expect(first.status).toBe(200);
    expect(first.body.releases).toHaveLength(100);
    expect(validate.releasePackage(first.body)).toEqual([]);
    expect(first.body.links.next).toBe('http://localhost:3000/api/ocds/releases?page=2');
    const all = [...first.body.releases, ...second.body.releases] as Release[];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const dates = all.map((r) => Date.parse(r.date));
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(second.body.links).toEqual({ prev: 'http://localhost:3000/api/ocds/releases?page=1' });
    expect((since.body.releases as Release[]).map((r) => r.date)).toEqual(
      all.filter((r) => Date.parse(r.date) >= Date.parse('2026-01-01T01:40:00Z')).map((r) => r.date),
    );
    for (const r of all) expect(validate.release(r)).toEqual([]);
  });

  it('when a need is hidden pending a report review, then its releases are withheld until it is restored', async () => {
    const id = await publishedNeed(world, { title: 'Dold laddning' });
    await settle(ctx, 60_000);
    const service = ocdsServiceFor(ctx.deps);

    await needModel(ctx.deps.mongo).updateOne({ _id: id }, { $set: { hidden: true } });
    const result = await service.recordNeed(id);
    const hidden = await ctx.http().get(`/api/ocds/needs/${id}/releases`);
    const listed = await ctx.http().get('/api/ocds/releases').query({ page: 2 });
    await needModel(ctx.deps.mongo).updateOne({ _id: id }, { $set: { hidden: false } });
    await service.recordNeed(id);
    const restored = await ctx.http().get(`/api/ocds/needs/${id}/releases`);

    expect(result).toBe('withheld');
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(listed.body)).not.toContain(id);
    expect(restored.status).toBe(200);
    expect(restored.body.releases).toHaveLength(1);
  });

  it('when several jobs record the same change at once, then exactly one release is appended and a repeat adds none', async () => {
    const id = await publishedNeed(world, { title: 'Samtidig laddning' });
    await settle(ctx, 60_000);
    const service = ocdsServiceFor(ctx.deps);
    await needModel(ctx.deps.mongo).updateOne(
      { _id: id },
      { $set: { title: 'Samtidig laddning, reviderad' } },
    );

    const results = await Promise.all(Array.from({ length: 6 }, () => service.recordNeed(id, new Date())));
    const again = await service.recordNeed(id, new Date());
    const { releases } = await releasesOf(id);

    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(again).toBe('unchanged');
    expect(releases.map((r) => r.tag[0])).toEqual(['planning', 'planningUpdate']);
    expect(releases[1]).toMatchObject({ tender: { title: 'Samtidig laddning, reviderad' } });
  });

  it('when the nightly dump runs, then a dated gzipped JSON Lines file of every release is listed and served', async () => {
    const at = new Date('2026-12-04T02:15:00Z');
    const processorCtx = {
      deps: ctx.deps,
      job: { timestamp: at.getTime(), delay: 0 },
      log: ctx.deps.logger,
    } as never;

    const result = (await writeOcdsDumpProcessor.handle({ at: at.toISOString() }, processorCtx)) as {
      file: string;
      releases: number;
    };
    const list = await ctx.http().get('/api/ocds/dumps');
    const file = await ctx
      .http()
      .get(`/api/ocds/dumps/${result.file}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const page1 = await ctx.http().get('/api/ocds/releases');

    expect(result.file).toBe('ocds-releases-2026-12-04.jsonl.gz');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        file: 'ocds-releases-2026-12-04.jsonl.gz',
        date: '2026-12-04',
        url: 'http://localhost:3000/api/ocds/dumps/ocds-releases-2026-12-04.jsonl.gz',
      }),
    ]);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/gzip');
    const lines = gunzipSync(file.body as Buffer)
      .toString('utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(result.releases);
    const releases = lines.map((l) => JSON.parse(l) as Release);
    expect(releases.slice(0, 100)).toEqual(page1.body.releases);
    for (const r of releases) expect(validate.release(r)).toEqual([]);
    expect(lines.join('\n')).not.toContain('@');
  });

  it('when the workers start, then the nightly dump is one job scheduler at 03:15 Stockholm, however often it is set', async () => {
    await ensureOcdsDumpSchedule(ctx.deps);
    await ensureOcdsDumpSchedule(ctx.deps);

    const schedulers = await ctx.deps.queues.get('maintenance').getJobSchedulers();

    expect(schedulers).toEqual([
      expect.objectContaining({
        key: 'ocds-dump-nightly',
        name: 'write-ocds-dump',
        pattern: '15 3 * * *',
        tz: 'Europe/Stockholm',
      }),
    ]);
  });

  it('when OCDS parameters are malformed or name nothing, then 400 or 404 with the error contract', async () => {
    const badId = await ctx.http().get('/api/ocds/needs/not-an-id/releases');
    const missing = await ctx.http().get('/api/ocds/needs/65f000000000000000000000/record');
    const badSince = await ctx.http().get('/api/ocds/releases').query({ since: 'yesterday', page: 0 });
    const traversal = await ctx.http().get('/api/ocds/dumps/..%2F..%2Fetc%2Fpasswd');
    const noDump = await ctx.http().get('/api/ocds/dumps/ocds-releases-1999-01-01.jsonl.gz');
    const draft = await world.coordinatorAgent
      .post('/api/needs')
      .send({ networkId: world.network.id, title: 'Utkast' });
    const unpublished = await ctx.http().get(`/api/ocds/needs/${draft.body.id}/releases`);

    expect(badId.status).toBe(400);
    expect(badId.body.error).toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: 'id' })],
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect(badSince.status).toBe(400);
    expect(badSince.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'page',
      'since',
    ]);
    expect(traversal.status).toBe(400);
    expect(noDump.status).toBe(404);
    expect(unpublished.status).toBe(404);
  });
});
