/**
 * Tells a failure caused by a service being unreachable (Meilisearch, an embedder, MongoDB
 * without a primary) from a failure of the job itself. Jobs that opt in (`whileDown: 'wait'` on
 * their processor) wait such an outage out instead of spending their attempts: an outage of any
 * length must delay work, never drop it.
 */

/** Thrown by code that knows a dependency is down (e.g. an embedder client on connection refused). */
export class DependencyDownError extends Error {
  constructor(
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DependencyDownError';
  }
}

/** Transport failures: nothing was answered, so nothing about the job itself is known. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

const MONGO_UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  response?: { status?: unknown };
}

function* chain(err: unknown, depth = 0): Generator<ErrorLike> {
  if (!err || typeof err !== 'object' || depth > 6) return;
  const e = err as ErrorLike;
  yield e;
  yield* chain(e.cause, depth + 1);
  // AggregateError (e.g. a connection refused on both ::1 and 127.0.0.1).
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** The dependency that was unreachable, or null when the error says something about the job. */
export function dependencyDown(err: unknown): string | null {
  let meiliRequest = false;
  for (const e of chain(err)) {
    if (e instanceof DependencyDownError) return e.dependency;
    if (typeof e.name === 'string' && MONGO_UNREACHABLE.has(e.name)) return 'mongodb';
    if (e.name === 'MeilisearchApiError') {
      // Meilisearch answered: 5xx means it is not serving (starting, overloaded); 4xx is ours.
      const status = Number(e.response?.status ?? 0);
      return status >= 500 ? 'meilisearch' : null;
    }
    if (e.name === 'MeilisearchRequestTimeOutError' || e.name === 'MeilisearchTaskTimeOutError') {
      return 'meilisearch';
    }
    if (e.name === 'MeilisearchRequestError') meiliRequest = true;
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code))
      return meiliRequest ? 'meilisearch' : 'network';
  }
  // The meilisearch client wraps every failure of a request that got no answer (refused, reset,
  // our http client's idle timeout) in a MeilisearchRequestError.
  return meiliRequest ? 'meilisearch' : null;
}

/** First wait 1 s, growing with the job's age to at most 30 s, so a returned service is used within 30 s. */
export function dependencyWaitMs(jobCreatedAt: number, now = Date.now()): number {
  const base = Math.min(30_000, Math.max(1_000, (now - jobCreatedAt) / 4));
  // ±20 %: jobs that failed together do not all come back in the same instant.
  return Math.min(30_000, Math.round(base * (0.8 + Math.random() * 0.4)));
}
