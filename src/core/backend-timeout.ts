import { R2UploadError } from './errors.js';
import { failureError, loadFailureKit } from './lazy-kits.js';

/** How long the backend may take to sign, by default: long enough for a cold start, short enough to not look hung. */
export const DEFAULT_BACKEND_TIMEOUT = 30_000;

/**
 * Runs `request` with a signal that aborts when `signal` does or when
 * `timeout` milliseconds pass, whichever is first; a timeout rejects with
 * `backend_timeout` even if `request` ignores its signal. `0` or `Infinity`
 * waits for ever.
 */
export function withBackendTimeout<T>(timeout: number | undefined, signal: AbortSignal, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const limit = timeout ?? DEFAULT_BACKEND_TIMEOUT;
  if (!(limit > 0 && limit < Infinity)) return request(signal);
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  if (signal.aborted) forward();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The words load only now (without them, fewer words say the same); the request is aborted once they are ready, so its abort never wins.
      void failureError(
        loadFailureKit,
        (kit) => kit.backendTimeoutError(limit),
        () => new R2UploadError('backend_timeout', `The upload backend did not answer within ${limit} ms.`),
      ).then((error) => {
        reject(error);
        controller.abort();
      });
    }, limit);
    request(controller.signal)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', forward);
      });
  });
}
