import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Job } from 'bullmq';
import { startMeilisearch, type RunningService } from '../../scripts/stack/index.js';
import { needsWorld, submittedNeed } from '../api/needs.fixtures.js';
import { createCast, profileBody } from '../fixtures/suppliers.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { messagesTo } from '../helpers/mail.js';
import { runWorkersInProcess, type InProcessWorkers } from '../helpers/workers.js';
import { root, subscribers, until } from './delivery-kit.js';

const OUTAGE_MS = 5 * 60_000;

/**
 * A private Meilisearch, stopped for five minutes and started again on the same port with the
 * same data (a real restart). Default job options give up after about two minutes of failures
 * (8 attempts, exponential backoff), so this outage outlasts them.
 */
describe('Meilisearch outage', () => {
  const profile = `test-faults-meili-${randomUUID().slice(0, 8)}`;
  const masterKey = randomBytes(24).toString('hex');
  let meili: RunningService | undefined;
  let ctx: TestContext | undefined;
  let workers: InProcessWorkers | undefined;

  const start = (port?: number) =>
    startMeilisearch({
      root,
      profile,
      ephemeral: false,
      masterKey,
      ...(port ? { port } : {}),
      log: () => undefined,
    });

  afterAll(async () => {
    await workers?.stop();
    await ctx?.close();
    await meili?.stop();
    await fs.rm(path.join(root, '.data', profile), { recursive: true, force: true });
  });

  it('when a need and a supplier profile are approved during a 5-minute outage, then afterwards the instant subscribers get their email and the profile reaches supplier search', async () => {
    // Arrange: everything up; a need and a profile wait for review; ten instant subscribers.
    meili = await start();
    const port = Number(new URL(meili.url).port);
    ctx = await createTestContext({ env: { MEILI_URL: meili.url, MEILI_MASTER_KEY: masterKey } });
    const c = ctx;
    workers = await runWorkersInProcess(c);
    const world = await needsWorld(c);
    const cast = await createCast(c);
    const users = await subscribers(c, 10, 'outage');
    const needId = await submittedNeed(world, { title: 'Digitala nycklar för hemtjänsten' });
    const supplierId = cast.supplier.org.id;
    const saved = await cast.supplier.login.agent
      .put(`/api/organisations/${supplierId}/profile`)
      .send(profileBody());
    expect(saved.status).toBe(200);
    await workers.drain(60_000);

    // Act: Meilisearch stops; both are approved; the outage lasts five minutes.
    await meili.stop();
    const outageStarted = Date.now();
    const approvedNeed = await world.adminAgent
      .post(`/api/admin/moderation/needs/${needId}/approve`)
      .send({});
    const approvedProfile = await cast.admin.agent.post(
      `/api/admin/moderation/suppliers/${supplierId}/approve`,
    );
    expect(approvedNeed.status).toBe(200);
    expect(approvedProfile.status).toBe(200);
    const matching = c.deps.queues.get('matching');
    const search = c.deps.queues.get('search');
    const waitingFor = async (): Promise<Job[]> => [
      ...(await matching.getJobs(['delayed'])).filter((j) => j.name === 'match-need'),
      ...(await search.getJobs(['delayed'])).filter((j) => j.name === 'sync-search-index'),
    ];
    // Both kinds of job have hit the outage and wait in delayed.
    await until('match-need and the supplier index sync to wait in delayed', async () => {
      const jobs = await waitingFor();
      return (
        jobs.some((j) => j.name === 'match-need') &&
        jobs.some(
          (j) => j.name === 'sync-search-index' && (j.data as { index: string }).index === 'suppliers',
        )
      );
    });
    // The outage is the scenario: its length is the point, not a guess at how long work takes.
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    const duringOutage = await waitingFor();
    const failedDuring = [...(await matching.getJobs(['failed'])), ...(await search.getJobs(['failed']))].map(
      (j) => `${j.name}: ${j.failedReason}`,
    );
    meili = await start(port);
    const restarted = Date.now();

    // Assert: every subscriber has the need's email; the profile is in the suppliers index.
    await until(
      'every instant subscriber to get the email',
      async () => {
        const got = await Promise.all(users.map(async (u) => (await messagesTo(u.email)).length));
        return got.every((n) => n >= 1);
      },
      500,
    );
    const suppliersIndex = c.deps.search.client.index(c.deps.search.indexName('suppliers'));
    await until('the profile to reach the suppliers index', async () =>
      suppliersIndex.getDocument(supplierId).then(
        () => true,
        () => false,
      ),
    );
    const caughtUpMs = Date.now() - restarted;
    process.stdout.write(
      `[faults] outage ${Math.round((restarted - outageStarted) / 1000)} s; caught up ${(caughtUpMs / 1000).toFixed(1)} s after the restart\n`,
    );
    expect(failedDuring).toEqual([]);
    // Waiting did not spend attempts: the default 8 would be gone after about two minutes.
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const j of duringOutage) expect(j.attemptsMade).toBe(0);
    for (const u of users) {
      const subjects = (await messagesTo(u.email)).map((m) => m.subject);
      expect(subjects).toEqual(['Nytt behov som matchar dig: Digitala nycklar för hemtjänsten']);
    }
    expect([...(await matching.getJobs(['failed'])), ...(await search.getJobs(['failed']))]).toEqual([]);
  });
});
