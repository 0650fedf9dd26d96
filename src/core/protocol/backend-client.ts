import { isRecord } from './is-record.js';
import { postToBackend, type BackendOptions } from './backend-fetch.js';
import { R2UploadError } from '../errors/upload-error.js';
import type { UploadTarget, UploadUrlRequest } from './upload-protocol.js';

export type { BackendOptions } from './backend-fetch.js';

/** An `invalid_backend_response` for an answer that is not an upload target. */
export function invalidTarget(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, {
    hint: 'The backend must answer { "url", "method": "PUT", "headers": { ... }, "key" } (see the protocol in the README).',
  });
}

/**
 * Checks that a value is a usable upload target. Used for JSON answers and for
 * what a custom `getUploadUrl` returns, so both fail the same clear way.
 */
export function parseUploadTarget(value: unknown): UploadTarget {
  if (!isRecord(value)) throw invalidTarget('The upload backend answered with something other than a JSON object.');
  const { url, method = 'PUT', headers = {}, key, completion } = value;
  if (typeof url !== 'string' || url === '') throw invalidTarget('The upload backend answered without a "url".');
  if (!URL.canParse(url)) throw invalidTarget(`The upload backend answered with a "url" that is not a URL: ${url.slice(0, 100)}`);
  if (method !== 'PUT') throw invalidTarget(`The upload backend answered with method ${String(method)}; only PUT is supported.`);
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    throw invalidTarget('The upload backend answered with "headers" that are not an object of strings.');
  }
  if (typeof key !== 'string' || key === '') throw invalidTarget('The upload backend answered without a "key".');
  if (completion !== undefined && typeof completion !== 'string') throw invalidTarget('The upload backend answered with a "completion" that is not a string.');
  return { url, method, headers: headers as Record<string, string>, key, ...(completion === undefined ? {} : { completion }) };
}

/** What the backend is asked to sign for a file. */
export const uploadUrlRequest = (upload: { name: string; type: string; size: number; metadata?: Record<string, unknown> }): UploadUrlRequest => ({
  filename: upload.name,
  contentType: upload.type,
  size: upload.size,
  ...(upload.metadata === undefined ? {} : { metadata: upload.metadata }),
});

/**
 * POSTs `{ filename, contentType, size }` to the backend and returns the
 * upload target it signed. Every failure is an `R2UploadError`.
 */
export async function requestUploadTarget(
  options: BackendOptions,
  request: UploadUrlRequest,
  signal: AbortSignal,
): Promise<UploadTarget> {
  return parseUploadTarget(await postToBackend(options, request, signal, invalidTarget));
}
