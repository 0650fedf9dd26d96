import { R2UploadError } from './engine-shared.js';

/*
 * The words of failures the engine finds itself, in the failure kit (see
 * failure-kit.ts): uploads that go well never load them.
 */

/** The refusal of a file larger than any upload could carry: an R2 object, or one PUT without multipart. */
export function tooLargeError(file: File, limit: number, multipartAvailable: boolean): R2UploadError {
  return new R2UploadError('file_rejected', `${file.name} is larger than ${multipartAvailable ? 'an R2 object' : 'one PUT'} can be (${limit} bytes).`, {
    hint: multipartAvailable ? undefined : 'Give the uploader a multipart backend (an `endpoint`, or `multipartBackend` next to `getUploadUrl`) and keep `multipart` on.',
  });
}

/** The error for a backend that did not answer within `limit` ms. */
export function backendTimeoutError(limit: number): R2UploadError {
  return new R2UploadError('backend_timeout', `The upload backend did not answer within ${limit / 1000} seconds.`, {
    hint: 'Find out why the backend is slow to sign, or raise backendTimeout (in milliseconds).',
  });
}
