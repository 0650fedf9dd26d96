import type { R2UploadError } from '../errors/upload-error.js';

/** How failed requests are retried. */
export interface RetryOptions {
  /** Tries per request, the first included. Default 6; 1 never retries. */
  attempts?: number;
  /** The backoff before the first retry, in ms, doubled for each later one. Default 500. */
  baseDelay?: number;
  /** The longest wait before a retry, in ms, `Retry-After` included. Default 30,000. */
  maxDelay?: number;
}

/** `RetryOptions` with every default applied. */
export interface RetryPolicy {
  attempts: number;
  baseDelay: number;
  maxDelay: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, baseDelay: 500, maxDelay: 30_000 };

/** The options with defaults applied; `false` never retries. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY_POLICY, attempts: 1 };
  const pick = (value: number | undefined, fallback: number, min: number) =>
    value !== undefined && Number.isFinite(value) ? Math.max(min, value) : fallback;
  return {
    attempts: Math.floor(pick(options?.attempts, DEFAULT_RETRY_POLICY.attempts, 1)),
    baseDelay: pick(options?.baseDelay, DEFAULT_RETRY_POLICY.baseDelay, 0),
    maxDelay: pick(options?.maxDelay, DEFAULT_RETRY_POLICY.maxDelay, 0),
  };
}

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter",
 * a random time between 0 and `baseDelay · 2^(retry-1)`, capped at `maxDelay`.
 * Full jitter spreads the retries of many clients that failed together (a
 * 503 burst) instead of making them retry in lockstep. A server's
 * `Retry-After` replaces the random wait, within the same cap.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(policy.maxDelay, retryAfterMs);
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** S3 codes that mean "try again" although their status is 4xx. */
const TRANSIENT_S3_CODES = new Set(['RequestTimeout', 'SlowDown', 'InternalError', 'ServiceUnavailable']);

/** True for a presigned URL that expired: it is signed again, not waited for. */
export function isExpiredUrl(error: R2UploadError): boolean {
  return error.code === 'store_error' && (error.s3Code === 'ExpiredRequest' || (error.status === 403 && /expired/i.test(error.message)));
}

/**
 * True when the URL can no longer write, so it is signed again rather than
 * waited for: it expired, or a retry got 412 because the URL's
 * `If-None-Match: *` found the object the first attempt stored before its
 * answer was lost (a new URL names a new key).
 */
export function needsNewUrl(error: R2UploadError, attempt: number): boolean {
  return isExpiredUrl(error) || (attempt > 1 && error.code === 'store_error' && error.status === 412);
}

/**
 * True for failures worth another try: no answer at all, 5xx (but 501, Not
 * Implemented), 408, 429 and S3's transient codes, from the store or from the backend. Signature,
 * policy and validation refusals are not: they fail the same way every time.
 */
export function isRetryable(error: R2UploadError): boolean {
  switch (error.code) {
    case 'network_error':
    case 'backend_unreachable':
      return true;
    case 'store_error':
    case 'backend_error': {
      const status = error.status ?? 0;
      return (status >= 500 && status !== 501) || status === 408 || status === 429 || (error.s3Code !== undefined && TRANSIENT_S3_CODES.has(error.s3Code));
    }
    default:
      return false;
  }
}
