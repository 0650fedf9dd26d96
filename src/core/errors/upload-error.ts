import type { FileRejectionReason } from './rejection-reasons.js';

/**
 * Every failure is an `R2UploadError` with a stable `code`, so apps can branch
 * on it and show `message` (and `hint`, the fix, where one is known).
 */
export type R2UploadErrorCode =
  /** The backend answered non-2xx; `backendCode` carries its own code. */
  | 'backend_error'
  /** The backend answered 2xx with something that is not a valid upload target. */
  | 'invalid_backend_response'
  /** The backend could not be reached. */
  | 'backend_unreachable'
  /** The backend did not answer within `backendTimeout`. */
  | 'backend_timeout'
  /** The upload URL is not `https:` (only loopback and `allowInsecureUploadUrls` may be `http:`). */
  | 'insecure_url'
  /** The upload URL's origin is not in `allowedUploadOrigins`. */
  | 'url_not_allowed'
  /** The URL signs the checksum of an empty body (`x-amz-checksum-crc32=AAAAAA==`), so the store would refuse the file. */
  | 'empty_body_checksum'
  /** The store answered with an error; `s3Code` carries its S3 code when it sent XML. */
  | 'store_error'
  /** The PUT never got an answer: offline, or (in browsers, most often) blocked by CORS. */
  | 'network_error'
  /** The upload succeeded but the ETag header is not readable: the bucket's CORS hides it. */
  | 'etag_not_exposed'
  /** The file breaks a rule (`accept`, sizes, `maxFiles`, `validate`), here or on the server; `reason` says which. */
  | 'file_rejected'
  /** With `verify: true`, the store's ETag does not match the MD5 computed from the file. */
  | 'integrity_mismatch'
  /** The bytes are stored, but the backend's `onUploadComplete` refused or failed (`?action=complete` answered `complete_failed`); the message is the one the app chose to show. Never retried. */
  | 'complete_failed'
  /** One of the app's own functions (`getUploadUrl`, `multipartBackend`, `headers`, `validate`) threw; `cause` holds what it threw. Never retried. */
  | 'app_callback_error'
  /** The upload was canceled. */
  | 'canceled';

export interface R2UploadErrorOptions {
  /** The exact fix, when one is known. */
  hint?: string;
  /** HTTP status of the answer that failed, when there was one. */
  status?: number;
  /** The S3 error code from the store's XML body (`SignatureDoesNotMatch`, `ExpiredRequest`, ...). */
  s3Code?: string;
  /** The backend's own error code from `{ error: { code } }`. */
  backendCode?: string;
  /** Which rule refused the file, for `file_rejected`. */
  reason?: FileRejectionReason;
  /** How long the answer asked to wait before trying again (`Retry-After`), in ms. */
  retryAfter?: number;
  cause?: unknown;
}

/** Marks every `R2UploadError`, whichever copy of the library made it. */
const BRAND = Symbol.for('r2-uploader.R2UploadError');

/**
 * The one error type r2-uploader throws and reports. `instanceof` holds
 * across copies of the library on one page (two bundles, two versions), so
 * an error from one is never mistaken for a foreign one by the other.
 */
export class R2UploadError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;
  override readonly name = 'R2UploadError';
  readonly code: R2UploadErrorCode;
  readonly hint?: string;
  readonly status?: number;
  readonly s3Code?: string;
  readonly backendCode?: string;
  readonly reason?: FileRejectionReason;
  readonly retryAfter?: number;

  constructor(code: R2UploadErrorCode, message: string, options: R2UploadErrorOptions = {}) {
    const { cause, ...fields } = options;
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    Object.assign(this, fields);
  }
}

/** True for an `R2UploadError`, optionally of one code. */
export function isR2UploadError(value: unknown, code?: R2UploadErrorCode): value is R2UploadError {
  return value instanceof R2UploadError && (code === undefined || value.code === code);
}

/** Wraps anything thrown into an `R2UploadError`, keeping typed ones as they are. */
export function toR2UploadError(value: unknown, fallback: R2UploadErrorCode = 'network_error'): R2UploadError {
  if (value instanceof R2UploadError) return value;
  if (value instanceof DOMException && value.name === 'AbortError') {
    return new R2UploadError('canceled', 'The upload was canceled.', { cause: value });
  }
  const message = value instanceof Error ? value.message : String(value);
  return new R2UploadError(fallback, message, { cause: value });
}

/** The error every abortable wait rejects with once its signal aborts. */
export function canceledError(cause?: unknown): R2UploadError {
  return new R2UploadError('canceled', 'The upload was canceled.', cause === undefined ? {} : { cause });
}
