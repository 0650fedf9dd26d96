import { toR2UploadError } from '../errors/upload-error.js';
import { backendTimeoutError } from './backend-failure.js';

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
      // Rejected before the request is aborted, so that its abort never wins; and rejected even if building the error throws, so that nothing waits for ever.
      try {
        reject(backendTimeoutError(limit));
      } catch (thrown) {
        reject(toR2UploadError(thrown, 'backend_timeout'));
      }
      controller.abort();
    }, limit);
    request(controller.signal)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', forward);
      });
  });
}

