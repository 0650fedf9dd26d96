import { R2UploadError } from './upload-error.js';

/**
 * Runs one of the app's own functions (`getUploadUrl`, `multipartBackend`,
 * `headers()`, `validate`, ...). What it throws becomes an
 * `app_callback_error` that names the function and keeps the thrown value as
 * `cause`: an app's "not signed in" is neither a network failure nor worth a
 * retry. An `R2UploadError` the app throws on purpose, and an abort, keep
 * their meaning.
 */
export async function callApp<T>(name: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    if (thrown instanceof R2UploadError) throw thrown;
    if (thrown instanceof DOMException && thrown.name === 'AbortError') throw new R2UploadError('canceled', 'The upload was canceled.', { cause: thrown });
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    throw new R2UploadError('app_callback_error', `The app's ${name} threw: ${message}`, { cause: thrown });
  }
}
