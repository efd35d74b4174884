import { loginAs, resetRateLimits, type LoggedIn } from '../helpers/auth.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, createOrganisation } from '../helpers/factories.js';
import { messagesTo, waitForMessages } from '../helpers/mail.js';
import {
  createPublishedNeed,
  createSuppliers,
  settle,
  type TestNeed,
  type TestSupplier,
} from '../helpers/meetings.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { digestItemModel } from '../../server/modules/subscriptions/notice.model.js';

/** Equal-treatment Q&A: anonymous to other suppliers, published with the answer to everyone. */
describe('questions API', () => {
  let ctx: TestContext;
  let workers: InProcessWorkers;
  let coordinator: LoggedIn;
  let need: TestNeed;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await runWorkersInProcess(ctx);
  });
  afterAll(async () => {
    await workers.stop();
    await ctx.close();
  });
  beforeEach(async () => {
    await settle(ctx);
    await ctx.reset();
    await resetRateLimits(ctx);
    const region = await createOrganisation(ctx, { name: 'Region Kronoberg' });
    const network = await createNetwork(ctx, { coordinator: region });
    coordinator = await loginAs(ctx, region.owner);
    need = await createPublishedNeed(ctx, network.id, {
      title: 'Digital vårdplanering',
      questionsDeadline: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    });
  });

  const ask = (s: TestSupplier, question: string, needId = need.id) =>
    s.bearer(ctx.http().post(`/api/needs/${needId}/questions`)).send({ question });
  const follow = async (s: TestSupplier, delivery: 'instant' | 'daily' = 'instant') => {
    const res = await s
      .bearer(ctx.http().post('/api/subscriptions'))
      .send({ kind: 'need', needId: need.id, delivery });
    expect(res.status).toBe(201);
  };
  const identityOf = (s: TestSupplier) => [
    s.organisationId,
    s.organisationName,
    s.orgNumber,
    s.userId,
    s.email,
  ];

  it('when a supplier asks and the network answers, then the question is published to everyone and the asker appears in no response to other suppliers', async () => {
    // Arrange
    const [asker, other] = await createSuppliers(ctx, 2);
    await follow(other!);

    // Act
    const asked = await ask(
      asker!,
      'Kan lösningen integreras med Cosmic, som vi på Leverantör AB redan levererar?',
    );
    const beforeAnswer = await other!.bearer(ctx.http().get(`/api/needs/${need.id}/questions`));
    const asNetwork = await coordinator.bearer(ctx.http().get(`/api/needs/${need.id}/questions`));
    const answered = await coordinator
      .bearer(ctx.http().post(`/api/questions/${asked.body.id}/answer`))
      .send({
        question: 'Kan lösningen integreras med befintliga journalsystem (Cosmic)?',
        answer: 'Ja, integration via öppna gränssnitt är ett krav.',
      });
    await settle(ctx);
    const afterAnswer = await other!.bearer(ctx.http().get(`/api/needs/${need.id}/questions`));
    const anonymous = await ctx.http().get(`/api/needs/${need.id}/questions`);
    const asAsker = await asker!.bearer(ctx.http().get(`/api/needs/${need.id}/questions`));

    // Assert
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', mine: true, source: 'platform' });
    expect(beforeAnswer.body.items).toEqual([]);
    expect(beforeAnswer.body.questionsOpen).toBe(true);
    expect(asNetwork.body.items[0].askedBy).toEqual({
      organisationId: asker!.organisationId,
      organisationName: asker!.organisationName,
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('published');
    expect(afterAnswer.body.items).toEqual([
      expect.objectContaining({
        question: 'Kan lösningen integreras med befintliga journalsystem (Cosmic)?',
        answer: 'Ja, integration via öppna gränssnitt är ett krav.',
        status: 'published',
        mine: false,
        askedCount: 1,
      }),
    ]);
    for (const res of [beforeAnswer, afterAnswer, anonymous]) {
      const body = JSON.stringify(res.body);
      for (const trace of [...identityOf(asker!), 'askedBy', 'originalQuestion', 'Leverantör AB']) {
        expect(body).not.toContain(trace);
      }
    }
    expect(asAsker.body.items[0]).toMatchObject({
      mine: true,
      originalQuestion: expect.stringContaining('Leverantör AB'),
    });

    const [alert] = await waitForMessages(other!.email, {
      filter: (m) => m.subject.includes('Digital vårdplanering'),
    });
    expect(alert!.text).toContain('Ja, integration via öppna gränssnitt är ett krav.');
    for (const trace of [...identityOf(asker!), 'Leverantör AB']) {
      expect(alert!.text).not.toContain(trace);
      expect(alert!.html).not.toContain(trace);
    }
    const [toAsker] = await waitForMessages(asker!.email, {
      filter: (m) => m.subject.startsWith('Svar på din fråga'),
    });
    expect(toAsker!.text).toContain('Ja, integration via öppna gränssnitt är ett krav.');
    expect(toAsker!.text).not.toContain('Leverantör AB');
  });

  it('when the questions deadline has passed, then asking answers 409 questions_closed', async () => {
    const [supplier] = await createSuppliers(ctx, 1);
    const late = await createPublishedNeed(ctx, need.networkId, {
      title: 'Stängd för frågor',
      questionsDeadline: new Date(Date.now() - 60_000),
    });

    const res = await ask(supplier!, 'Hinner vi fråga fortfarande?', late.id);
    const list = await ctx.http().get(`/api/needs/${late.id}/questions`);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('questions_closed');
    expect(list.body.questionsOpen).toBe(false);
  });

  it('when the network merges a duplicate and publishes a question received by email, then everyone sees both answers and the duplicate asker is told', async () => {
    const [first, second] = await createSuppliers(ctx, 2);
    const original = await ask(first!, 'Vilka volymer gäller per år?');
    const duplicate = await ask(second!, 'Hur stora är de årliga volymerna?');

    const merged = await coordinator
      .bearer(ctx.http().post(`/api/questions/${duplicate.body.id}/merge`))
      .send({ into: original.body.id });
    await coordinator
      .bearer(ctx.http().post(`/api/questions/${original.body.id}/answer`))
      .send({ answer: 'Omkring 12 000 besök per år.' });
    const external = await coordinator
      .bearer(ctx.http().post(`/api/needs/${need.id}/questions/external`))
      .send({
        question: 'Ingår drift och support?',
        answer: 'Ja, i minst fyra år.',
        receivedAt: '2026-01-15T10:00:00Z',
      });
    await settle(ctx);
    const list = await ctx.http().get(`/api/needs/${need.id}/questions`);
    const asSecond = await second!.bearer(ctx.http().get(`/api/needs/${need.id}/questions`));

    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: original.body.id });
    expect(external.status).toBe(201);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        question: 'Vilka volymer gäller per år?',
        askedCount: 2,
        source: 'platform',
      }),
      expect.objectContaining({
        question: 'Ingår drift och support?',
        answer: 'Ja, i minst fyra år.',
        source: 'external',
        askedAt: '2026-01-15T10:00:00.000Z',
      }),
    ]);
    expect(asSecond.body.items.find((q: { mine: boolean }) => q.mine)).toMatchObject({
      status: 'merged',
      mergedInto: original.body.id,
    });
    const [told] = await waitForMessages(second!.email, {
      filter: (m) => m.subject.startsWith('Svar på din fråga'),
    });
    expect(told!.text).toContain('Omkring 12 000 besök per år.');
    expect(told!.text).toContain('Vilka volymer gäller per år?');
  });

  it('when a follower takes a daily digest, then the published answer waits in the digest instead of an email', async () => {
    const [asker, digestReader] = await createSuppliers(ctx, 2);
    await follow(digestReader!, 'daily');
    const asked = await ask(asker!, 'Finns det krav på e-legitimation?');

    await coordinator
      .bearer(ctx.http().post(`/api/questions/${asked.body.id}/answer`))
      .send({ answer: 'Ja, BankID eller Freja eID+.' });
    await settle(ctx);

    const items = await digestItemModel(ctx.deps.mongo).find({ userId: digestReader!.userId }).lean();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'change', changeId: `question.${asked.body.id}`, mode: 'daily' });
    expect(JSON.stringify(items[0]!.data)).toContain('Ja, BankID eller Freja eID+.');
    expect(await messagesTo(digestReader!.email)).toHaveLength(0);
  });

  it('when someone outside the network answers, or the network declines, then the rules hold and the asker hears why', async () => {
    const [asker, outsider] = await createSuppliers(ctx, 2);
    const asked = await ask(asker!, 'Vad är budgeten?');

    const byOutsider = await outsider!
      .bearer(ctx.http().post(`/api/questions/${asked.body.id}/answer`))
      .send({ answer: 'Gissning' });
    const buyerAsks = await coordinator.bearer(ctx.http().post(`/api/needs/${need.id}/questions`)).send({
      question: 'Kan köpare fråga?',
    });
    const rejected = await coordinator
      .bearer(ctx.http().post(`/api/questions/${asked.body.id}/reject`))
      .send({ reason: 'Budgeten beslutas först efter dialogen.' });
    const answerAfter = await coordinator
      .bearer(ctx.http().post(`/api/questions/${asked.body.id}/answer`))
      .send({ answer: 'För sent' });
    await settle(ctx);

    expect(byOutsider.status).toBe(403);
    expect(buyerAsks.status).toBe(403);
    expect(buyerAsks.body.error.code).toBe('not_a_supplier');
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Budgeten beslutas först efter dialogen.',
    });
    expect(answerAfter.status).toBe(409);
    expect(answerAfter.body.error.code).toBe('question_closed');
    const [mail] = await waitForMessages(asker!.email, {
      filter: (m) => m.subject.includes('besvaras inte'),
    });
    expect(mail!.text).toContain('Budgeten beslutas först efter dialogen.');
  });
});
