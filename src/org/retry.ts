/**
 * Retries with exponential backoff for failures that a later call can get past:
 * 503 / SERVER_UNAVAILABLE, concurrent-request REQUEST_LIMIT_EXCEEDED, UNABLE_TO_LOCK_ROW and network errors.
 * The daily cap ("TotalRequests Limit exceeded") is not transient: retrying would only burn what is left.
 */
export type RetryOptions = {
  attempts?: number;
  baseDelayMs?: number;
  onRetry?: (error: unknown, attempt: number) => void;
};

const TRANSIENT_ERROR_CODES = new Set(['SERVER_UNAVAILABLE', 'UNABLE_TO_LOCK_ROW', 'REQUEST_RUNNING_TOO_LONG']);
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'ENETUNREACH']);

type ErrorLike = { errorCode?: unknown; name?: unknown; message?: unknown; code?: unknown; statusCode?: unknown; cause?: unknown };

/**
 * The Salesforce error codes an error carries: its own, and those of a JSON error body that jsforce's Bulk API 2.0
 * client leaves in the message (`[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"…"}]`).
 */
function errorCodes(e: ErrorLike): string[] {
  const inMessage = [...String(e.message ?? '').matchAll(/"errorCode"\s*:\s*"([A-Z_]+)"/g)].map((m) => m[1]);
  return [String(e.errorCode ?? e.name ?? ''), ...inMessage];
}

export function isDailyCapError(error: unknown): boolean {
  const e = error as ErrorLike;
  return Boolean(e) && errorCodes(e).includes('REQUEST_LIMIT_EXCEEDED') && /TotalRequests/i.test(String(e.message ?? ''));
}

export function isTransientError(error: unknown): boolean {
  const e = error as ErrorLike;
  if (!e) return false;
  if (isDailyCapError(e)) return false;
  if (errorCodes(e).some((code) => TRANSIENT_ERROR_CODES.has(code) || code === 'REQUEST_LIMIT_EXCEEDED')) return true;
  if (e.statusCode === 503 || /\b503\b|Service Unavailable/i.test(String(e.message ?? ''))) return true;
  const cause = e.cause as ErrorLike | undefined;
  const netCode = String(e.code ?? cause?.code ?? '');
  if (NETWORK_ERROR_CODES.has(netCode)) return true;
  return /fetch failed|socket hang up|ECONNRESET|ECONNREFUSED/i.test(String(e.message ?? ''));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Attempts at a refused connection: an org that refuses connections is usually down (or the address is wrong), and
 * a few tries over a couple of seconds tell a restart apart from that; minutes of retries only hide it.
 */
export const REFUSED_CONNECTION_ATTEMPTS = 4;

/** A connection refused: nothing listens at the org's address. */
export function isConnectionRefused(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  return Boolean(e) && String(e?.code ?? (e?.cause as ErrorLike | undefined)?.code ?? '') === 'ECONNREFUSED';
}

/** How many attempts withRetry made at the call that threw this error (for messages that say how hard it tried). */
const attemptsBehind = new WeakMap<object, number>();
export function attemptsMade(error: unknown): number | undefined {
  return error !== null && typeof error === 'object' ? attemptsBehind.get(error) : undefined;
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? Number(process.env.OUTCOMES_RETRY_BASE_MS ?? 250);
  for (let attempt = 1; ; attempt++) {
    try {
      // eslint-disable-next-line no-await-in-loop -- retries are sequential by design
      return await call();
    } catch (error) {
      const limit = isConnectionRefused(error) ? Math.min(attempts, REFUSED_CONNECTION_ATTEMPTS) : attempts;
      if (attempt >= limit || !isTransientError(error)) {
        if (error !== null && typeof error === 'object') attemptsBehind.set(error, attempt);
        throw error;
      }
      options.onRetry?.(error, attempt);
      // Full jitter keeps parallel runs from retrying in lockstep.
      // eslint-disable-next-line no-await-in-loop -- the back-off waits before the next attempt
      await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
