import { R2UploadError } from './engine-shared.js';
import { putErrorHint } from './hints.js';
import { parseRetryAfter } from './failure-kit.js';
import { parseS3Error } from './s3-error.js';

/**
 * What a failed PUT needs, in a chunk of its own (see lazy-kits.ts): reading
 * the store's XML refusal, and the fix for each kind of failure. Uploads that
 * succeed never load it.
 */
export { putErrorHint };

/** The `store_error` for a refused PUT, with the store's S3 code and message when its body has them, and its `Retry-After`. */
export function storeRefusal(status: number, body: string, retryAfterHeader: string | null): R2UploadError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  const s3 = parseS3Error(body);
  const what = s3 ? `${status} ${s3.code}` : `${status}`;
  const detail = s3?.message ? `: ${s3.message}` : '.';
  return new R2UploadError('store_error', `The store refused the upload (${what})${detail}`, { status, s3Code: s3?.code, retryAfter });
}
