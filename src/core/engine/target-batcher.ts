import { canceledError, R2UploadError } from '../errors/upload-error.js';
import { isNearExpiry, urlExpiresAt } from '../protocol/url-expiry.js';
import { MAX_FILES_PER_SIGN_BATCH, type UploadTarget } from '../protocol/upload-protocol.js';
import type { SignOutcome } from '../protocol/sign-batch.js';
import type { UploadState } from './types.js';

/** Signs several uploads in one request; `undefined` means "not supported here, sign one by one". */
export type SignMany = (uploads: readonly UploadState[], signal: AbortSignal) => Promise<SignOutcome[] | undefined>;
export type SignOne = (upload: UploadState, signal: AbortSignal) => Promise<UploadTarget>;

interface Signed {
  /** `undefined` when it was not signed here: the upload signs alone in its turn. */
  outcome: SignOutcome | undefined;
  receivedAt: number;
}

/** Hands out upload targets, signing the files that wait together in one request and files ahead of their turn. */
export interface TargetBatcher {
  /** This upload's target: signed ahead, or signed now together with any other upload asking in the same tick. */
  get(upload: UploadState, signal: AbortSignal): Promise<UploadTarget>;
  /** Starts signing these uploads ahead of their turn. */
  prefetch(uploads: readonly UploadState[]): void;
  /** How many signed-ahead targets wait to be used. */
  readonly ahead: number;
  /** True when this upload's target is being signed, or was signed, ahead. */
  has(id: string): boolean;
  /** Drops what was signed ahead for an upload that will not use it. */
  forget(id: string): void;
}

/** Resolves with `promise`, or rejects as canceled when `signal` aborts first. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(canceledError(signal.reason));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Batch signing with a lookahead. A lone upload asking is signed with a single
 * request as before; uploads asking together, and uploads signed ahead, go in
 * `sign-batch` requests of at most 100. Ahead-of-turn requests cannot be
 * canceled by one file (they serve others), so they run on their own signal.
 */
export function createTargetBatcher(signOne: SignOne, signMany: () => SignMany | undefined): TargetBatcher {
  const signedAhead = new Map<string, Promise<Signed>>();
  let waiting: Array<{ upload: UploadState; settle: (signed: Signed) => void; now: boolean }> = [];
  const never = new AbortController().signal;

  async function send(batch: typeof waiting): Promise<void> {
    const many = batch.length > 1 ? signMany() : undefined;
    let outcomes: Array<SignOutcome | undefined> = [];
    try {
      if (many) outcomes = (await many(batch.map((entry) => entry.upload), never)) ?? [];
    } catch (error) {
      // The whole request failed (unreachable, 401, timeout): each file fails as a single request would have.
      outcomes = batch.map(() => (error instanceof R2UploadError ? error : canceledError(error)));
    }
    // Unsigned (alone, or no batch route): each file signs with its own request in its turn, within the pool's limits.
    batch.forEach((entry, index) => entry.settle({ outcome: outcomes[index], receivedAt: Date.now() }));
  }

  function flush(): void {
    const batch = waiting;
    waiting = [];
    for (let start = 0; start < batch.length; start += MAX_FILES_PER_SIGN_BATCH) void send(batch.slice(start, start + MAX_FILES_PER_SIGN_BATCH));
  }

  /** Queues an upload for the next request; those needed now go first, in the order they asked. */
  function enqueue(upload: UploadState, now = false): Promise<Signed> {
    return new Promise((settle) => {
      const ahead = waiting.findIndex((entry) => !entry.now);
      waiting.splice(now && ahead >= 0 ? ahead : waiting.length, 0, { upload, settle, now });
      if (waiting.length === 1) queueMicrotask(flush);
    });
  }

  return {
    async get(upload, signal) {
      // Uploads asking in the same tick (or signed ahead) share a request; a lone one gets a plain request, which its own signal can cancel.
      const pending = signedAhead.get(upload.id) ?? enqueue(upload, true);
      signedAhead.delete(upload.id);
      const { outcome, receivedAt } = await unlessAborted(pending, signal);
      if (!outcome) return signOne(upload, signal);
      if (outcome instanceof R2UploadError) throw outcome;
      const expiresAt = urlExpiresAt(outcome.url, receivedAt);
      // Signed ahead too long ago: sign again rather than send to a URL about to lapse.
      if (isNearExpiry(expiresAt, expiresAt - receivedAt)) return signOne(upload, signal);
      return outcome;
    },
    prefetch(uploads) {
      for (const upload of uploads) if (!signedAhead.has(upload.id)) signedAhead.set(upload.id, enqueue(upload));
    },
    get ahead() {
      return signedAhead.size;
    },
    has: (id) => signedAhead.has(id),
    forget(id) {
      signedAhead.delete(id);
    },
  };
}
