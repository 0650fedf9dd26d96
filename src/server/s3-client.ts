import { parseS3Error } from '../core/errors/s3-error.js';
import type { ResolvedConfig } from './config.js';
import { HttpError } from './http-error.js';
import { bucketOf, fetchS3, type S3Request } from './s3-request.js';

/** The store's answer, read. */
export interface S3Answer {
  status: number;
  text: string;
  headers: Headers;
}

/** Sends one of the handler's own S3 calls (signed in its headers) and reads the answer. */
export async function callS3(config: ResolvedConfig, request: S3Request & { key: string }): Promise<S3Answer> {
  const response = await fetchS3(bucketOf(config), request);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The store refused the parts listed; S3's own code (in the log) says which way. */
const INVALID_PART: [number, string, string] = [400, 'invalid_part', 'A part is missing, out of order, under 5 MiB (but the last), or its ETag does not match.'];

/** What each S3 refusal means to the client: a status and a code it can act on. */
const refusals: Readonly<Record<string, [number, string, string]>> = {
  NoSuchUpload: [404, 'no_such_upload', 'The multipart upload does not exist: it was completed, aborted, or expired.'],
  InvalidPart: INVALID_PART,
  InvalidPartOrder: INVALID_PART,
  EntityTooSmall: INVALID_PART,
  NotImplemented: [501, 'not_implemented', 'The storage service does not implement this operation.'],
};

/**
 * Turns a failed S3 answer into the `HttpError` the client gets: refusals it
 * can act on keep their meaning, throttling and 5xx become a 503 it retries
 * (with the store's `Retry-After`), and anything else (wrong credentials, a
 * missing bucket) is logged and answered 502 `store_error`.
 */
export function s3Failure(answer: S3Answer, operation: string): HttpError {
  const s3 = parseS3Error(answer.text);
  const refusal = s3 ? refusals[s3.code] : undefined;
  if (refusal) return new HttpError(refusal[0], refusal[1], refusal[2]);
  if (answer.status >= 500 || answer.status === 429 || s3?.code === 'SlowDown') {
    const retryAfter = answer.headers.get('retry-after');
    return new HttpError(503, 'store_unavailable', 'The storage service is busy; try again.', retryAfter ? { 'retry-after': retryAfter } : {});
  }
  console.error(`r2-uploader: ${operation} failed: ${answer.status} ${s3 ? `${s3.code} ${s3.message ?? ''}` : answer.text.slice(0, 200)}`);
  return new HttpError(502, 'store_error', `The store refused ${operation} (${answer.status}${s3 ? ` ${s3.code}` : ''}).`);
}
