import type { UploadUrlRequest } from '../core/protocol.js';
import { MAX_SINGLE_PUT_BYTES } from '../core/r2-limits.js';
import { isContentTypeAllowed, mediaTypeEssence } from './content-type.js';
import { HttpError } from './http-error.js';

/** `1.5 MB`, `100 MB`, `812 bytes`: sizes as users read them (decimal units, like file managers). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const rounded = unit === 0 ? String(value) : String(Number(value.toFixed(1)));
  return `${rounded} ${units[unit]}`;
}

/**
 * Refuses what the app does not accept, before anything is signed: 415 for a
 * type outside `allowedContentTypes`, 413 for a file over `maxFileSize`.
 */
export function enforceUploadPolicy(
  request: UploadUrlRequest,
  policy: { allowedContentTypes: readonly string[] | undefined; maxFileSize: number },
): void {
  const { allowedContentTypes, maxFileSize } = policy;
  if (allowedContentTypes && !isContentTypeAllowed(request.contentType, allowedContentTypes)) {
    throw new HttpError(
      415,
      'content_type_not_allowed',
      `Files of type ${mediaTypeEssence(request.contentType)} are not accepted (allowed: ${allowedContentTypes.join(', ') || 'none'}).`,
    );
  }
  if (request.size > maxFileSize) {
    throw new HttpError(413, 'file_too_large', `Files may be at most ${formatBytes(maxFileSize)}.`);
  }
}

/** Refuses (413) a single PUT larger than R2 takes in one request; such files go multipart. */
export function enforceSinglePutLimit(request: UploadUrlRequest): void {
  if (request.size > MAX_SINGLE_PUT_BYTES) {
    throw new HttpError(413, 'file_too_large', `Files over ${formatBytes(MAX_SINGLE_PUT_BYTES)} must be uploaded in parts (multipart).`);
  }
}
