import type { Deps } from '../../platform/deps.js';
import { OCDS_DUMP_SCHEDULE, writeOcdsDumpJob } from './ocds.events.js';

/** The nightly dump as a BullMQ job scheduler (upsert is idempotent: every workers process may call it). */
export async function ensureOcdsDumpSchedule(deps: Pick<Deps, 'queues'>): Promise<void> {
  await deps.queues.get(writeOcdsDumpJob.queue).upsertJobScheduler(
    OCDS_DUMP_SCHEDULE.id,
    { pattern: OCDS_DUMP_SCHEDULE.pattern, tz: OCDS_DUMP_SCHEDULE.tz },
    {
      name: writeOcdsDumpJob.name,
      data: {},
      opts: { attempts: 8, backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 } },
    },
  );
}

/** Keeps trying (Redis may be down at start-up) until the schedule is in place or `stopped()`. */
export function keepOcdsDumpSchedule(
  deps: Pick<Deps, 'queues' | 'logger'>,
  retryMs = 5_000,
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const attempt = () => {
    running = ensureOcdsDumpSchedule(deps).catch((err: unknown) => {
      deps.logger.warn({ err: err instanceof Error ? err.message : err }, 'OCDS dump schedule not set yet');
      if (!stopped) timer = setTimeout(attempt, retryMs);
    });
  };
  attempt();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
