/**
 * Code most pages never need, loaded on first use: resuming (IndexedDB and
 * file fingerprints) only when a multipart upload starts, MD5 only with
 * `verify: true`, batch signing when several files wait for URLs, the full URL
 * checks when a URL or the options call for them, and what only failures need
 * (retry rules, the words of errors) with the first failure. Bundlers turn
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
