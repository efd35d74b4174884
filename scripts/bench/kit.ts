/**
 * What the benchmarks share: flags, progress bars, a keep-alive node:http client (the same one
 * for the API and for Meilisearch, so neither target gets a faster client), and the load loop.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import cliProgress from 'cli-progress';

export const log = (m: string) => process.stdout.write(`${m}\n`);

/** A positive number from `--name <value>`, or the fallback. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export function bar(label: string, unit: string, width = 24) {
  return new cliProgress.SingleBar(
    {
      format: `${label.padEnd(width)} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
      hideCursor: false,
    },
    cliProgress.Presets.shades_classic,
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...init.headers,
      ...(init.body ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
    };
    const req = http.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setNoDelay(true);
    req.on('error', reject);
    req.end(init.body);
  });
}

export interface Latencies {
  p50: number;
  p95: number;
  perSecond: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The middle value (the mean of the two middle ones for an even count), for repeated runs. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `requests` sends with `clients` concurrent loops; returns each latency and the wall time. */
export async function load(
  requests: number,
  clients: number,
  send: (i: number) => Promise<void>,
  onDone: () => void = () => undefined,
): Promise<{ times: number[]; seconds: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const t = performance.now();
        await send(i);
        times.push(performance.now() - t);
        onDone();
      }
    }),
  );
  return { times, seconds: (performance.now() - started) / 1000 };
}

/**
 * CPU seconds each process has used so far (user + system, all threads), from /proc (Linux;
 * empty elsewhere). Benchmarks print the difference over a phase, to show where the machine's
 * cores went.
 */
export function cpuSeconds(pids: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (!pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // not Linux, or the process is gone
    }
  }
  return out;
}

export function cpuLine(before: Record<string, number>, after: Record<string, number>): string {
  return Object.keys(after)
    .filter((k) => before[k] !== undefined)
    .map((k) => `${k} ${(after[k]! - before[k]!).toFixed(1)} s`)
    .join(', ');
}
