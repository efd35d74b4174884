import { errors, type AppError } from '../errors.js';

// Driver errors that mean "no primary right now" (election, primary killed, network): the request
// may succeed in seconds, so the client gets 503 (retry) instead of 500 (our bug).
const unavailableNames = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoStalePrimaryError',
  'MongoPoolClearedError',
]);

// From the driver's MONGODB_ERROR_CODES: state-change and network codes (retryable-writes spec).
const unavailableCodes = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10058, // LegacyNotPrimary
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

interface DriverError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errorLabelSet?: Set<string>;
}

/** The error says MongoDB has no reachable primary right now (an election, a lost connection). */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as DriverError;
  if (typeof e.name === 'string' && unavailableNames.has(e.name)) return true;
  if (typeof e.code === 'number' && unavailableCodes.has(e.code)) return true;
  // A transaction that could not commit because the primary went away carries this label.
  if (e.errorLabelSet?.has('RetryableWriteError')) return true;
  // mongoose buffers operations while its connection is down and then gives up with this message.
  if (typeof e.message === 'string' && /buffering timed out after/.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The 503 for an error that says the database has no reachable primary, or undefined. */
export function databaseUnavailable(err: unknown): AppError | undefined {
  if (!isDatabaseUnavailable(err)) return undefined;
  // Kept for the error log; the answer itself names no driver detail.
  return Object.assign(errors.unavailable('The database'), { cause: err });
}
