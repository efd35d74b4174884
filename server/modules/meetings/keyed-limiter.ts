/**
 * Runs at most `limit` tasks at a time per key (e.g. per meeting), the rest in arrival order.
 *
 * A throughput measure, not a correctness one: capacity, "once per organisation" and waitlist
 * order are guaranteed by MongoDB (conditional updates, unique indexes, transactions), with any
 * number of API replicas. What this avoids is a burst of registrations for one meeting inside one
 * process turning into a storm of write conflicts that all retry with backoff: each process sends
 * at most `limit` competing transactions at a time, so conflicts stay few and the burst is served
 * about as fast as the transactions commit.
 */
export function createKeyedLimiter(limit: number) {
  const lanes = new Map<string, { active: number; waiting: (() => void)[] }>();
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lane = lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      lanes.set(key, lane);
    }
    if (lane.active < limit) lane.active += 1;
    // A finishing task hands its place straight to the next in line (active stays the same).
    else await new Promise<void>((resolve) => lane!.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      if (next) next();
      else {
        lane.active -= 1;
        if (lane.active === 0) lanes.delete(key);
      }
    }
  };
}

export type KeyedLimiter = ReturnType<typeof createKeyedLimiter>;
