import { canceledError } from './abortable-sleep.js';
import { R2UploadError } from './errors.js';
import { parseRetryAfter } from './retry-policy.js';
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

/** The `R2UploadError` for a non-2xx answer, with the backend's own message and code when it sent them. */
export function backendErrorFrom(status: number, statusText: string, body: unknown, retryAfter?: number): R2UploadError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message : `The upload backend answered ${status} ${statusText}`.trim();
  const backendCode = typeof error?.code === 'string' ? error.code : undefined;
  // The server refuses by the same rules as the client: show it as the same kind of refusal.
  const reason = FILE_REJECTION_REASONS.find((known) => known === backendCode);
  if (reason) return new R2UploadError('file_rejected', message, { status, backendCode, reason });
  return new R2UploadError('backend_error', message, { status, backendCode, retryAfter });
}

function errorOf(response: Response, body: unknown): R2UploadError {
  return backendErrorFrom(response.status, response.statusText, body, parseRetryAfter(response.headers.get('retry-after')));
}

/** The app's extra headers, from an object or a (possibly async) function. */
export async function resolveHeaders(headers: BackendOptions['headers']): Promise<Record<string, string>> {
  return typeof headers === 'function' ? await headers() : (headers ?? {});
}

/**
 * `<endpoint><path>?<params>`, keeping a query the endpoint already has:
 * `?action=` for the protocol's POSTs, `/download?key=` and `?prefix=` for
 * the object routes. Relative endpoints stay relative, so that links work
 * under any origin.
 */
export function endpointUrl(endpoint: string, path: '' | '/download', params: Record<string, string | undefined>): string {
  const [base = '', query = ''] = endpoint.split('?', 2);
  const search = new URLSearchParams(query);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.set(name, value);
  const text = search.toString();
  return `${path ? base.replace(/\/+$/, '') + path : base}${text ? `?${text}` : ''}`;
}

/**
 * Calls the backend at `url` (with the app's headers and credentials) and
 * returns the parsed JSON answer. A `body` goes as JSON; without one the
 * request has no Content-Type, so a cross-origin GET needs no preflight.
 * Every failure is an `R2UploadError`: `backend_unreachable`, `backend_error`
 * (non-2xx, with its `status`, `backendCode` and `Retry-After`),
 * `invalid_backend_response` (2xx that is not JSON, built by `invalid`) or `canceled`.
 */
export async function callBackend(
  options: BackendOptions,
  method: 'POST' | 'GET' | 'DELETE',
  url: string,
  body: unknown,
  signal: AbortSignal | undefined,
  invalid: (message: string) => R2UploadError,
): Promise<unknown> {
  let response: Response | undefined;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json', ...(await resolveHeaders(options.headers)) },
      // JSON.stringify(undefined) is undefined: no body.
      body: JSON.stringify(body),
      credentials: options.credentials ?? 'same-origin',
      signal,
    });
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw canceledError(cause);
    throw new R2UploadError('backend_unreachable', `The upload backend at ${options.endpoint} ${response ? 'broke off its answer' : 'could not be reached'}.`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (!response.ok) throw errorOf(response, undefined);
    const type = response.headers.get('content-type') ?? 'no content type';
    throw invalid(`The upload backend did not answer with JSON (it sent ${type}).`);
  }
  if (!response.ok) throw errorOf(response, parsed);
  return parsed;
}

/** POSTs JSON to the backend, `?action=` when given: see {@link callBackend}. */
export function postToBackend(options: BackendOptions, body: unknown, signal: AbortSignal, invalid: (message: string) => R2UploadError, action?: string): Promise<unknown> {
  return callBackend(options, 'POST', endpointUrl(options.endpoint, '', { action }), body, signal, invalid);
}
