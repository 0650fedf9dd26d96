import { MAX_SINGLE_PUT_BYTES } from '../protocol/r2-limits.js';
import type { MultipartOptions, UploadMode } from './types.js';

/** Files above this go multipart unless told otherwise: big enough that parts pay off, small enough to resume early. */
export const DEFAULT_MULTIPART_THRESHOLD = 64 * 1024 * 1024;

/**
 * Single PUT or multipart for a file. Without a multipart backend, or with
 * `multipart: false`, always a single PUT; above what one PUT can carry,
 * always multipart.
 */
export function chooseUploadMode(file: File, options: MultipartOptions | false | undefined, multipartAvailable: boolean): UploadMode {
  if (!multipartAvailable || options === false) return 'single';
  if (file.size > MAX_SINGLE_PUT_BYTES) return 'multipart';
  const threshold = options?.threshold ?? DEFAULT_MULTIPART_THRESHOLD;
  return (typeof threshold === 'function' ? threshold(file) : file.size > threshold) ? 'multipart' : 'single';
}
