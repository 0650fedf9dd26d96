import { isRecord } from './is-record.js';
import { R2UploadError } from '../errors/upload-error.js';
import { parseRetryAfter } from '../errors/retry-after.js';
import { FILE_REJECTION_REASONS } from '../errors/rejection-reasons.js';

/** The `R2UploadError` for a non-2xx answer, with the backend's own message and code when it sent them. */
export function backendErrorFrom(status: number, statusText: string, body: unknown, retryAfter?: number): R2UploadError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message : `The upload backend answered ${status} ${statusText}`.trim();
  const backendCode = typeof error?.code === 'string' ? error.code : undefined;
  // The server refuses by the same rules as the client: show it as the same kind of refusal.
  const reason = FILE_REJECTION_REASONS.find((known) => known === backendCode);
  if (reason) return new R2UploadError('file_rejected', message, { status, backendCode, reason });
  if (backendCode === 'complete_failed') return new R2UploadError('complete_failed', message, { status, backendCode });
  return new R2UploadError('backend_error', message, { status, backendCode, retryAfter });
}

/**
 * The error for an answer that is not 2xx JSON: `backend_error` for a non-2xx
 * one (JSON or not), else the caller's `invalid_backend_response`.
 */
export function answerError(response: Response, text: string, invalid: (message: string) => R2UploadError): R2UploadError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (response.ok) return invalid(`The upload backend did not answer with JSON (it sent ${response.headers.get('content-type') ?? 'no content type'}).`);
  }
  return backendErrorFrom(response.status, response.statusText, body, parseRetryAfter(response.headers.get('retry-after')));
}

/** The error for a backend that did not answer within `limit` ms. */
export function backendTimeoutError(limit: number): R2UploadError {
  return new R2UploadError('backend_timeout', `The upload backend did not answer within ${limit / 1000} seconds.`, {
    hint: 'Find out why the backend is slow to sign, or raise backendTimeout (in milliseconds).',
  });
}
