import type { DeliveryCounts } from './fanout.js';

/** A progress callback for waitForSettled that prints the counts when they change, at most every 10 s. */
export function progressLog(label: string): (c: DeliveryCounts) => void {
  let last = '';
  let at = 0;
  return (c) => {
    const now = JSON.stringify(c);
    if (now === last || Date.now() - at < 10_000) return;
    last = now;
    at = Date.now();
    process.stdout.write(`[${label}] deliveries ${now}\n`);
  };
}
