import type { Deps } from '../deps.js';
import type { JobDefinition, JobPayload } from '../queue/jobs.js';
import { jobId } from '../queue/jobs.js';
import { outboxModel, type OutboxEventDoc } from './outbox.model.js';

export interface RoutedJob {
  job: JobDefinition;
  payload: JobPayload<JobDefinition>;
  /** Defaults to `<job name>.<event id>`, so relaying the same event twice adds the job once. */
  jobId?: string;
  delay?: number;
}

/** Maps an event type to the jobs it causes. */
export type EventRoutes = Record<string, (event: OutboxEventDoc) => RoutedJob[]>;

export interface OutboxRelay {
  /** Relays one batch of pending events; returns how many were relayed. */
  runOnce(batchSize?: number): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createOutboxRelay(
  deps: Pick<Deps, 'mongo' | 'queues' | 'logger' | 'config'>,
  routes: EventRoutes,
): OutboxRelay {
  const model = outboxModel(deps.mongo);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let failures = 0;

  async function runOnce(batchSize = 200): Promise<number> {
    const events = await model
      .find({ status: 'pending' })
      .sort({ _id: 1 })
      .limit(batchSize)
      .lean<OutboxEventDoc[]>();
    let relayed = 0;
    for (const event of events) {
      const route = routes[event.type];
      const jobs = route ? route(event) : [];
      if (!route) deps.logger.warn({ type: event.type }, 'outbox event without a route; marking relayed');
      try {
        for (const j of jobs) {
          await deps.queues.add(j.job, j.payload, {
            jobId: j.jobId ?? jobId(j.job.name, String(event._id)),
            ...(j.delay ? { delay: j.delay } : {}),
          });
        }
      } catch (err) {
        await model.updateOne(
          { _id: event._id },
          { $inc: { attempts: 1 }, $set: { lastError: err instanceof Error ? err.message : String(err) } },
        );
        // Keep order: stop this batch and retry from here later (Redis is probably down).
        throw err;
      }
      await model.updateOne({ _id: event._id }, { $set: { status: 'relayed', relayedAt: new Date() } });
      relayed += 1;
    }
    return relayed;
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(tick, ms);
  }

  function tick() {
    running = runOnce()
      .then((n) => {
        failures = 0;
        // A full batch means more may be waiting: go again at once.
        schedule(n >= 200 ? 0 : deps.config.OUTBOX_POLL_MS);
      })
      .catch((err: unknown) => {
        failures += 1;
        const wait = Math.min(30_000, deps.config.OUTBOX_POLL_MS * 2 ** Math.min(failures, 6));
        deps.logger.warn(
          { err: err instanceof Error ? err.message : err, retryInMs: wait },
          'outbox relay failed',
        );
        schedule(wait);
      });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
