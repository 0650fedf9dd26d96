import type { R2UploadError } from './errors.js';

/**
 * Code most pages never need, loaded on first use: resuming (IndexedDB and
 * file fingerprints) only when a multipart upload starts, MD5 only with
 * `verify: true`, batch signing when several files wait for URLs, the full URL
 * checks when a URL or the options call for them, and what only failures need
 * (the words of errors, reading a failed answer) with the first failure. Bundlers turn
 * each `import()` into its own chunk.
 */

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      // A failed chunk load (a deploy replaced it, the network blinked) may succeed next time.
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

export const loadResumeKit = once(() => import('./resume-kit.js'));
export const loadVerifyKit = once(() => import('./verify-kit.js'));
export const loadMultipartKit = once(() => import('./multipart-kit.js'));
export const loadBatchKit = once(() => import('./batch-kit.js'));
export const loadUrlChecks = once(() => import('./url-checks.js'));
export const loadPutFailure = once(() => import('./put-failure.js'));
export const loadFailureKit = once(() => import('./failure-kit.js'));

/** How long a failure waits for the chunk with its words before it is told in fewer words. */
export const FAILURE_WORDS_WAIT = 3000;

/** `load()`, rejected after {@link FAILURE_WORDS_WAIT} ms: on a network that swallows requests the chunk may never arrive. */
function loadInTime<T>(load: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The chunk did not load in time.')), FAILURE_WORDS_WAIT);
    load()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/**
 * A failure's error, in the words its chunk has (`build`), or in the few
 * words of `brief` when the chunk cannot load in time or `build` throws. It
 * never rejects: a failure must still be reported, retried by its code, and
 * free its pool slot, whatever becomes of its words.
 */
export function failureError<T>(load: () => Promise<T>, build: (kit: T) => R2UploadError, brief: () => R2UploadError): Promise<R2UploadError> {
  return loadInTime(load).then(build).catch(brief);
}
