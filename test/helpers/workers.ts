import { createOutboxRelay } from '../../server/platform/outbox/relay.js';
import { outboxModel } from '../../server/platform/outbox/outbox.model.js';
import { eventRoutes } from '../../workers/event-routes.js';
import { processors } from '../../workers/processors/index.js';
import { startWorkers } from '../../workers/run-workers.js';
import type { TestContext } from './context.js';

export interface InProcessWorkers {
  /** Waits until the outbox has nothing pending and no queue has waiting, active or delayed jobs. */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs what the workers process runs (BullMQ workers for every processor plus the outbox relay)
 * inside the test process, against the test file's real Redis, MongoDB and SMTP sink. API tests
 * use it to have emails actually sent:
 *
 *   const workers = await runWorkersInProcess(ctx);   // beforeAll
 *   await workers.stop();                             // afterAll (before ctx.close())
 */
export async function runWorkersInProcess(ctx: TestContext): Promise<InProcessWorkers> {
  const running = startWorkers(ctx.deps, processors);
  await Promise.all(running.workers.map((w) => w.waitUntilReady()));
  const relay = createOutboxRelay(ctx.deps, eventRoutes);
  relay.start();
  const outbox = outboxModel(ctx.deps.mongo);
  return {
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const pending = await outbox.countDocuments({ status: 'pending' });
        const counts = await Promise.all(
          ctx.deps.queues.all().map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
        );
        const busy = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
        if (pending === 0 && busy === 0) return;
        if (Date.now() > deadline)
          throw new Error(`workers not idle after ${timeoutMs} ms: ${pending} outbox, ${busy} jobs`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      await relay.stop();
      await running.close();
    },
  };
}
