import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import { checkFile } from '../core/policy/rules.js';
import { REJECTION_STATUS } from '../core/protocol/rejection-status.js';
import { MAX_SINGLE_PUT_BYTES } from '../core/protocol/r2-limits.js';
import { formatBytes } from '../core/policy/byte-size.js';
import { HttpError } from './http-error.js';
import type { ServerValidateFunction } from './types.js';

/** What the policy checks an upload against (the resolved handler options). */
export interface UploadPolicy {
  /** Accepted types and extensions, as `accept`; `undefined` or empty accepts any file. */
  accept?: readonly string[];
  /** MIME patterns; added to `accept`. */
  allowedContentTypes: readonly string[] | undefined;
  maxFileSize: number;
  minFileSize?: number;
}

/**
 * Refuses what the app does not accept, before anything is signed, by the
 * very rules the browser already applied (`checkFile`): 415 for a type
 * outside `accept` or one that contradicts the extension, 413 over
 * `maxFileSize`, 422 under `minFileSize`. A client that skipped its own
 * checks gets the same answer.
 */
export function enforceUploadPolicy(request: UploadUrlRequest, policy: UploadPolicy): void {
  const accept = [...(policy.accept ?? []), ...(policy.allowedContentTypes ?? [])];
  const rejection = checkFile(
    { name: request.filename, type: request.contentType, size: request.size },
    { accept, maxFileSize: policy.maxFileSize, minFileSize: policy.minFileSize },
  );
  if (rejection) throw new HttpError(REJECTION_STATUS[rejection.reason], rejection.reason, rejection.message);
}

/** Runs the app's `validate`; its message refuses with 422 `validation_failed`. Thrown errors are the app's bug: a 500. */
export async function enforceValidate(validate: ServerValidateFunction | undefined, upload: UploadUrlRequest, request: Request): Promise<void> {
  const message = await validate?.(upload, request);
  if (message) throw new HttpError(422, 'validation_failed', message);
}

/** Refuses (413) a single PUT larger than R2 takes in one request; such files go multipart. */
export function enforceSinglePutLimit(request: UploadUrlRequest): void {
  if (request.size > MAX_SINGLE_PUT_BYTES) {
    throw new HttpError(413, 'file_too_large', `Files over ${formatBytes(MAX_SINGLE_PUT_BYTES)} must be uploaded in parts (multipart).`);
  }
}
