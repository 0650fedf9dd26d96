import { R2UploadError } from '../errors/upload-error.js';
import { MAX_MULTIPART_OBJECT_BYTES, MAX_SINGLE_PUT_BYTES } from '../protocol/r2-limits.js';

/** The refusal of a file larger than any upload could carry: an R2 object, or one PUT without multipart. */
export function tooLargeError(file: File, limit: number, multipartAvailable: boolean): R2UploadError {
  return new R2UploadError('file_rejected', `${file.name} is larger than ${multipartAvailable ? 'an R2 object' : 'one PUT'} can be (${limit} bytes).`, {
    hint: multipartAvailable ? undefined : 'Give the uploader a multipart backend (an `endpoint`, or `multipartBackend` next to `getUploadUrl`) and keep `multipart` on.',
  });
}

/** Refuses, before anything is sent, a file no upload could carry: larger than an R2 object, or than one PUT without multipart. */
export function checkSize(file: File, multipartAvailable: boolean): void {
  const limit = multipartAvailable ? MAX_MULTIPART_OBJECT_BYTES : MAX_SINGLE_PUT_BYTES;
  if (file.size > limit) throw tooLargeError(file, limit, multipartAvailable);
}
