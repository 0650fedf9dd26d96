import { R2UploadError } from '../errors/upload-error.js';
import { parseRetryAfter } from '../errors/retry-after.js';
import { putErrorHint } from './put-hints.js';
import { parseS3Error } from '../errors/s3-error.js';

/*
 * The words for each way a PUT fails, with the store's XML refusal read and
 * the fix where one is known. Loaded with the engine, never on demand: a
 * failure must be told and retried the same when the network is bad.
 */

/** What went wrong with a PUT, as `putWithXhr` saw it. */
export type PutFailure =
  /** The backend signed a Content-Length other than the body's size: refused before sending. */
  | { code: 'invalid_backend_response'; signed: number; size: number }
  /** The store answered non-2xx. */
  | { code: 'store_error'; status: number; body: string; retryAfter: string | null }
  /** The store answered 2xx, but its ETag header cannot be read. */
  | { code: 'etag_not_exposed'; status: number }
  /** No answer (offline, or blocked by CORS); or, with `stalledFor`, nothing moved for that many ms. */
  | { code: 'network_error'; status?: undefined; stalledFor?: number };

/** The `store_error` for a refused PUT, with the store's S3 code and message when its body has them, and its `Retry-After`. */
export function storeRefusal(status: number, body: string, retryAfterHeader: string | null): R2UploadError {
  const s3 = parseS3Error(body);
  const what = s3 ? `${status} ${s3.code}` : `${status}`;
  const detail = s3?.message ? `: ${s3.message}` : '.';
  return new R2UploadError('store_error', `The store refused the upload (${what})${detail}`, { status, s3Code: s3?.code, retryAfter: parseRetryAfter(retryAfterHeader) });
}

function errorOf(failure: PutFailure): R2UploadError {
  switch (failure.code) {
    case 'invalid_backend_response':
      return new R2UploadError(failure.code, `The backend signed ${failure.signed} bytes, but the file has ${failure.size}.`);
    case 'store_error':
      return storeRefusal(failure.status, failure.body, failure.retryAfter);
    case 'etag_not_exposed':
      return new R2UploadError(failure.code, "The upload succeeded, but the bucket's CORS rules hide its ETag.", { status: failure.status });
    case 'network_error':
      return failure.stalledFor === undefined
        ? new R2UploadError(failure.code, 'The upload could not reach the store (network error).')
        : new R2UploadError(failure.code, `The upload stalled: nothing moved for ${failure.stalledFor / 1000} seconds.`);
  }
}

/**
 * The error for a failed PUT, with the fix for it where one is known (a
 * stall has none: the connection, not the setup, is at fault).
 */
export function putError(failure: PutFailure, url: string, contentType: string | undefined): R2UploadError {
  const error = errorOf(failure);
  if (failure.code === 'network_error' && failure.stalledFor !== undefined) return error;
  (error as { hint?: string }).hint = putErrorHint(error, url, contentType);
  return error;
}
