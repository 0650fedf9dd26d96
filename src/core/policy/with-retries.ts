import { sleep } from '../transport/abortable-sleep.js';
import { toR2UploadError, type R2UploadError } from '../errors/upload-error.js';
import { backoffDelay, isRetryable, needsNewUrl, type RetryPolicy } from './retry-policy.js';

/** How `withRetries` reports and paces retries. */
export interface RetryHooks {
  policy: RetryPolicy;
  signal: AbortSignal;
  /** Called before waiting `delay` ms for attempt number `attempt` (2 for the first retry). */
  onRetry?: (attempt: number, error: R2UploadError, delay: number) => void;
  /** Called once the wait is over, right before the attempt runs. */
  onAttempt?: (attempt: number) => void;
  /**
   * Called when the request's presigned URL can no longer write (see
   * `needsNewUrl`: it expired, or a retry found what the first attempt
   * stored); the caller drops the URL so the next attempt signs a new one.
   * Without it such a failure is an ordinary (final) refusal.
   */
  onStaleUrl?: (error: R2UploadError) => void;
}

/** Stale URLs are signed again at once, but not forever: a clock that is far off would loop. */
const MAX_RESIGNS = 3;

/**
 * Runs `run` until it succeeds, retrying transient failures (see
 * `isRetryable`) with full-jitter exponential backoff up to the policy's
 * attempts, and re-signing stale URLs (expired, or already used) without waiting. Anything else, and
 * the last transient failure, is thrown as an `R2UploadError`.
 */
export async function withRetries<T>(run: (attempt: number) => Promise<T>, hooks: RetryHooks): Promise<T> {
  let attempt = 1;
  let resigns = 0;
  for (;;) {
    try {
      return await run(attempt);
    } catch (thrown) {
      const error = toR2UploadError(thrown);
      if (hooks.signal.aborted || error.code === 'canceled') throw error;
      // The retry rules are never loaded on demand: a failure is when the network is least likely to deliver a chunk.
      let delay: number;
      if (hooks.onStaleUrl && needsNewUrl(error, attempt) && resigns < MAX_RESIGNS) {
        resigns += 1;
        hooks.onStaleUrl(error);
        delay = 0;
      } else if (isRetryable(error) && attempt < hooks.policy.attempts) {
        delay = backoffDelay(attempt, hooks.policy, error.retryAfter);
      } else {
        throw error;
      }
      attempt += 1;
      hooks.onRetry?.(attempt, error, delay);
      await sleep(delay, hooks.signal);
      hooks.onAttempt?.(attempt);
    }
  }
}
