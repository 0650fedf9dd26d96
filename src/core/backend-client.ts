import { R2UploadError } from './errors.js';
import type { UploadTarget, UploadUrlRequest } from './protocol.js';
import { FILE_REJECTION_REASONS } from './rules.js';

/** How to reach a JSON backend that speaks the r2-uploader protocol. */
export interface BackendOptions {
  endpoint: string;
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  credentials?: RequestCredentials;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, {
    hint: 'The backend must answer { "url", "method": "PUT", "headers": { ... }, "key" } (see the protocol in the README).',
  });
}

/**
 * Checks that a value is a usable upload target. Used for JSON answers and for
 * what a custom `getUploadUrl` returns, so both fail the same clear way.
 */
export function parseUploadTarget(value: unknown): UploadTarget {
  if (!isRecord(value)) throw invalid('The upload backend answered with something other than a JSON object.');
  const { url, method = 'PUT', headers = {}, key } = value;
  if (typeof url !== 'string' || url === '') throw invalid('The upload backend answered without a "url".');
  if (!URL.canParse(url)) throw invalid(`The upload backend answered with a "url" that is not a URL: ${url.slice(0, 100)}`);
  if (method !== 'PUT') throw invalid(`The upload backend answered with method ${String(method)}; only PUT is supported.`);
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) {
    throw invalid('The upload backend answered with "headers" that are not an object of strings.');
  }
  if (typeof key !== 'string' || key === '') throw invalid('The upload backend answered without a "key".');
  return { url, method, headers: headers as Record<string, string>, key };
}

/** The `R2UploadError` for a non-2xx answer, with the backend's own message and code when it sent them. */
export function backendErrorFrom(status: number, statusText: string, body: unknown): R2UploadError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message : `The upload backend answered ${status} ${statusText}`.trim();
  const backendCode = typeof error?.code === 'string' ? error.code : undefined;
  // The server refuses by the same rules as the client: show it as the same kind of refusal.
  const reason = FILE_REJECTION_REASONS.find((known) => known === backendCode);
  if (reason) return new R2UploadError('file_rejected', message, { status, backendCode, reason });
  return new R2UploadError('backend_error', message, { status, backendCode });
}

/** The app's extra headers, from an object or a (possibly async) function. */
export async function resolveHeaders(headers: BackendOptions['headers']): Promise<Record<string, string>> {
  return typeof headers === 'function' ? await headers() : (headers ?? {});
}

/**
 * POSTs `{ filename, contentType, size }` to the backend and returns the
 * upload target it signed. Every failure is an `R2UploadError`.
 */
export async function requestUploadTarget(
  options: BackendOptions,
  request: UploadUrlRequest,
  signal: AbortSignal,
): Promise<UploadTarget> {
  let response: Response;
  try {
    response = await fetch(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(await resolveHeaders(options.headers)) },
      body: JSON.stringify(request),
      credentials: options.credentials ?? 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal.aborted) throw new R2UploadError('canceled', 'The upload was canceled.', { cause });
    throw new R2UploadError('backend_unreachable', `The upload backend at ${options.endpoint} could not be reached.`, { cause });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    if (!response.ok) throw backendErrorFrom(response.status, response.statusText, undefined);
    const type = response.headers.get('content-type') ?? 'no content type';
    throw invalid(`The upload backend did not answer with JSON (it sent ${type}).`);
  }
  if (!response.ok) throw backendErrorFrom(response.status, response.statusText, body);
  return parseUploadTarget(body);
}
