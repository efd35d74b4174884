import mongoose from 'mongoose';
import { needChangeModel } from '../../server/modules/needs/need.model.js';
import { deliveryModel } from '../../server/modules/notifications/delivery.model.js';
import { planDigestsJob } from '../../server/modules/subscriptions/digest.jobs.js';
import { subscriptionModel } from '../../server/modules/subscriptions/subscription.model.js';
import { createSubscriptionsService } from '../../server/modules/subscriptions/subscriptions.service.js';
import type { CreateSubscriptionInput } from '../../server/modules/subscriptions/subscriptions.schemas.js';
import type { Principal } from '../../server/platform/auth/principal.js';
import { createOutbox, inTransaction } from '../../server/platform/outbox/outbox.js';
import { createUser, uniqueEmail, type TestUser } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { messagesTo, waitForMessages } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { embedSuppliers, insertNeed, insertSuppliers } from './matching-fixtures.js';

const principalOf = (u: TestUser): Principal => ({
  userId: u.id,
  sessionId: 'test',
  email: u.email,
  emailVerified: true,
  isAdmin: false,
  language: 'sv',
  via: 'bearer',
});

const search = (filters: Record<string, unknown> = {}) =>
  ({ q: '', cpvCodes: [], regions: [], networkIds: [], stages: [], ...filters }) as never;

describe('notifications', () => {
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

  async function drain() {
    await workers.drain(20_000).catch(async (err) => {
      for (const q of ctx.deps.queues.all()) {
        const jobs = await q.getJobs(['waiting', 'active', 'delayed', 'failed']);
        for (const j of jobs)
          console.log(q.name, j.id, j.name, await j.getState(), j.failedReason, j.attemptsMade);
      }
      throw err;
    });
  }

  async function publish(needId: string) {
    await inTransaction(ctx.deps.mongo, (session) =>
      createOutbox(ctx.deps.mongo).record(session, [{ type: 'need.published', payload: { needId } }]),
    );
    await drain();
  }

  async function subscribe(user: TestUser, input: CreateSubscriptionInput) {
    return createSubscriptionsService(ctx.deps).create(principalOf(user), input);
  }

  it('when a need matching an instant saved search is published, then one email arrives with unsubscribe headers', async () => {
    // Arrange
    const user = await createUser(ctx, { email: uniqueEmail('instant'), language: 'en' });
    const sub = await subscribe(user, {
      kind: 'search',
      name: 'Care planning in Stockholm',
      delivery: 'instant',
      filters: search({ cpvCodes: ['48000000'], regions: ['SE110'] }),
    });
    const need = await insertNeed(ctx, {
      title: 'Digital vårdplanering',
      cpvCodes: ['48200000'],
      regions: ['SE110'],
    });

    // Act
    await publish(need.id);
    await publish(need.id); // a duplicate event changes nothing

    // Assert
    const [mail] = await waitForMessages(user.email);
    await new Promise((r) => setTimeout(r, 300));
    expect(await messagesTo(user.email)).toHaveLength(1);
    const delivery = await deliveryModel(ctx.deps.mongo)
      .findOne({ key: `match.${need.id}.${user.id}` })
      .lean();
    expect(delivery?.status).toBe('sent');
    expect(mail!.subject).toBe('New need matching you: Digital vårdplanering');
    expect(mail!.headers['message-id']).toBe(`<${String(delivery!._id)}@localhost>`);
    expect(mail!.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/localhost:3000\/api\/unsubscribe\?token=[A-Za-z0-9_-]{39}>$/,
    );
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail!.text).toContain('The need matches your saved search “Care planning in Stockholm”.');
    expect(mail!.text).toContain('http://localhost:3000/bevakningar');
    expect(mail!.html).toContain('<html lang="en">');

    // The header's URL unsubscribes with one POST (RFC 8058), as a mail provider would send it.
    const url = new URL(mail!.headers['list-unsubscribe']!.slice(1, -1));
    const res = await ctx
      .http()
      .post(`${url.pathname}${url.search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(res.body).toEqual({ unsubscribed: true });
    expect((await subscriptionModel(ctx.deps.mongo).findById(sub.id).lean())?.active).toBe(false);
  });

  it('when a supplier’s profile matches, then its profile subscription gets the explanation in Swedish', async () => {
    const user = await createUser(ctx, { email: uniqueEmail('profile'), language: 'sv' });
    const orgId = new mongoose.Types.ObjectId().toString();
    // A profile that describes the need (matching is about meaning; codes alone stay below the
    // network's threshold, see matching-relevance.test.ts).
    const ids = await insertSuppliers(ctx, [
      {
        id: orgId,
        name: 'Profil AB',
        cpvCodes: ['48000000'],
        regions: ['SE'],
        pitch: 'Programvara för skolan: schema, närvaro och elevdokumentation',
        description: 'Vi utvecklar programvara för grundskolor och gymnasier.',
        offerings: ['Skolprogramvara'],
      },
    ]);
    await embedSuppliers(ctx, Object.values(ids));
    await subscriptionModel(ctx.deps.mongo).create({
      userId: user.id,
      organisationId: orgId,
      kind: 'profile',
      name: 'Profil AB',
      delivery: 'instant',
      minScore: 0.3,
      nonce: 'n1',
    });
    const need = await insertNeed(ctx, {
      title: 'Programvara för skolan',
      cpvCodes: ['48200000'],
      regions: ['SE110'],
    });

    await publish(need.id);

    const [mail] = await waitForMessages(user.email);
    expect(mail!.subject).toBe('Nytt behov som matchar dig: Programvara för skolan');
    expect(mail!.text).toContain('Du levererar i hela Sverige.');
    expect(mail!.text).not.toContain('SE Sverige');
    expect(mail!.text).toMatch(/Behovets kod 48200000 ligger under din kod 48000000/);
  });

  it('when a followed need changes, then instant followers get a change alert naming what changed', async () => {
    const follower = await createUser(ctx, { email: uniqueEmail('follower'), language: 'en' });
    const need = await insertNeed(ctx, { title: 'Smart belysning', cpvCodes: ['31500000'] });
    await subscribe(follower, { kind: 'need', needId: need.id, delivery: 'instant' });
    const change = await needChangeModel(ctx.deps.mongo).create({
      needId: need.id,
      version: 2,
      fields: [
        {
          field: 'questionsDeadline',
          before: new Date('2026-12-01T12:00:00Z'),
          after: new Date('2026-12-15T12:00:00Z'),
        },
        { field: 'stage', before: 'market_dialogue', after: 'rfi' },
        { field: 'requirements', before: ['a'], after: ['a', 'b'] },
      ],
    });

    await inTransaction(ctx.deps.mongo, (session) =>
      createOutbox(ctx.deps.mongo).record(session, [
        { type: 'need.updated', payload: { needId: need.id, changeId: String(change._id) } },
      ]),
    );
    await drain();

    const [mail] = await waitForMessages(follower.email);
    expect(mail!.subject).toBe('Need changed: Smart belysning');
    expect(mail!.text).toContain('Deadline for questions: 2026-12-01 → 2026-12-15');
    expect(mail!.text).toContain('Stage: market dialogue → RFI');
    expect(mail!.text).toContain('Functional requirements: changed');
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('when the daily digest runs, then news is grouped by need, nothing repeats and a period is sent once', async () => {
    // Arrange: a daily saved search and a daily follow catch two needs, one of which changes.
    const user = await createUser(ctx, { email: uniqueEmail('digest'), language: 'en' });
    await subscribe(user, {
      kind: 'search',
      name: 'Lighting',
      delivery: 'daily',
      filters: search({ cpvCodes: ['31000000'] }),
    });
    await subscribe(user, {
      kind: 'search',
      name: 'Also lighting',
      delivery: 'weekly',
      filters: search({ q: 'belysning' }),
    });
    const a = await insertNeed(ctx, { title: 'Belysning i parker', cpvCodes: ['31500000'] });
    const b = await insertNeed(ctx, { title: 'Gatubelysning med sensorer', cpvCodes: ['31520000'] });
    await publish(a.id);
    await publish(b.id);
    const dailyFollow = await subscribe(user, { kind: 'need', needId: a.id, delivery: 'daily' });
    const change = await needChangeModel(ctx.deps.mongo).create({
      needId: a.id,
      version: 2,
      fields: [{ field: 'stage', before: 'market_dialogue', after: 'procurement' }],
    });
    await inTransaction(ctx.deps.mongo, (session) =>
      createOutbox(ctx.deps.mongo).record(session, [
        { type: 'need.updated', payload: { needId: a.id, changeId: String(change._id) } },
      ]),
    );
    await drain();
    expect(await messagesTo(user.email)).toHaveLength(0);

    // Act: the 07:00 run of 2026-11-23, twice (a retried schedule), then the next day's.
    const at = '2026-11-23T06:00:00.000Z';
    for (const [i, when] of [at, at, '2026-11-24T06:00:00.000Z'].entries()) {
      await ctx.deps.queues.add(planDigestsJob, { mode: 'daily', at: when }, { jobId: `plan-test-${i}` });
      await drain();
    }

    // Assert: the search's digest lists both needs once each; the follow's digest lists the change.
    const mails = await waitForMessages(user.email, { count: 2 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await messagesTo(user.email)).toHaveLength(2);
    const searchDigest = mails.find((m) => m.text.includes('“Lighting”'))!;
    const followDigest = mails.find((m) => m.text.includes(`“Belysning i parker”`) && m !== searchDigest)!;
    expect(searchDigest.subject).toBe('Your daily Behovstorget digest: 2 needs');
    expect(searchDigest.text.match(/## Belysning i parker/g)).toHaveLength(1);
    expect(searchDigest.text.match(/## Gatubelysning med sensorer/g)).toHaveLength(1);
    expect(searchDigest.text).toContain('The need matches your saved search “Also lighting”.');
    expect(followDigest.subject).toBe('Your daily Behovstorget digest: 1 need');
    expect(followDigest.text).toContain('Stage: market dialogue → procurement');
    expect(followDigest.headers['list-unsubscribe']).toContain('/api/unsubscribe?token=');
    const keys = (await deliveryModel(ctx.deps.mongo).find({ userId: user.id }).lean())
      .map((d) => d.key)
      .sort();
    expect(keys.filter((k) => k.startsWith('digest.'))).toEqual(
      [
        `digest.${dailyFollow.id}.2026-11-23`,
        expect.stringMatching(/^digest\.[0-9a-f]{24}\.2026-11-23$/),
      ].sort(),
    );
  });
});
