import type { PoolLane, PoolSlot, UploadPool } from '../transport/connection-pool.js';
import type { R2UploadError } from '../errors/upload-error.js';
import type { RetryPolicy } from '../policy/retry-policy.js';
import type { UploadState } from './types.js';
import type { UploadEvent } from './upload-machine.js';
import type { RetryHooks } from '../policy/with-retries.js';

/** Checking a single PUT's ETag against the file's MD5, for `verify: true` (integrity/, loaded by `createUploader`). */
export interface IntegrityFeature {
  blobMd5(blob: Blob, signal?: AbortSignal): Promise<Uint8Array>;
  checkSingleEtag(etag: string, md5: Uint8Array): void;
}

/** What a transfer (single PUT or multipart) needs from the uploader that runs it. */
export interface TransferContext {
  /** The upload as it was when this run started. */
  upload: UploadState;
  /** Aborted by pause and cancel. */
  signal: AbortSignal;
  pool: UploadPool;
  /** Queue position in the pool: the order the file was added in. */
  priority: number;
  /** The uploader's share of the pool. */
  group: object;
  groupLimit: number | undefined;
  retry: RetryPolicy;
  verify: boolean;
  /** MD5 and the ETag check, loaded for `verify: true`. */
  integrity(): Promise<IntegrityFeature>;
  /** See `stallTimeout`, resolved to its default. */
  stallTimeout: number;
  /** Applies an event to this upload; `undefined` when it no longer applies (canceled, paused). */
  dispatch(event: UploadEvent): UploadState | undefined;
  /** Checks a part's signed URL before anything is sent to it; throws an `R2UploadError` for one that must not be used. */
  checkPartUrl(url: string, size: number): void;
}

/** Runs `task` in a pool slot of `lane`, in this upload's turn. */
export function inSlot<T>(context: TransferContext, lane: PoolLane, task: (slot: PoolSlot) => Promise<T>, signal: AbortSignal = context.signal): Promise<T> {
  return context.pool.run(task, { lane, priority: context.priority, group: context.group, groupLimit: context.groupLimit, signal });
}

/**
 * Retry hooks that make every retry visible in the upload's state: `retrying`
 * with the attempt number, the error and when it will run, then back to
 * `uploading`. `waiting` counts requests in backoff, so that an upload with
 * several parts shows `retrying` until the last of them goes again.
 */
export function visibleRetries(context: TransferContext, waiting: { count: number }, signal: AbortSignal = context.signal): Omit<RetryHooks, 'onStaleUrl'> {
  return {
    policy: context.retry,
    signal,
    onRetry(attempt: number, error: R2UploadError, delay: number) {
      waiting.count += 1;
      context.dispatch({ type: 'retrying', attempt, error, retryAt: Date.now() + delay });
    },
    onAttempt() {
      waiting.count -= 1;
      if (waiting.count === 0) context.dispatch({ type: 'sending' });
    },
  };
}
