import { callApp } from '../errors/app-callback.js';
import { canceledError } from '../errors/upload-error.js';
import { R2UploadError } from '../errors/upload-error.js';
import { answerError } from './backend-failure.js';

/** How to reach a JSON backend that speaks the r2-uploader protocol. */
export interface BackendOptions {
  endpoint: string;
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  credentials?: RequestCredentials;
  /** The backend's route for these uploads, named in every POST body. */
  route?: string;
}

/** The app's extra headers, from an object or a (possibly async) function. */
export async function resolveHeaders(headers: BackendOptions['headers']): Promise<Record<string, string>> {
  return typeof headers === 'function' ? await callApp('headers', headers) : (headers ?? {});
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
  // Before the request, so that the app's own headers() failing is told as that, not as an unreachable backend.
  const appHeaders = await resolveHeaders(options.headers);
  let response: Response | undefined;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json', ...appHeaders },
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
  if (response.ok) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON: reported below.
    }
  }
  throw answerError(response, text, invalid);
}

/** POSTs JSON to the backend, `?action=` when given: see {@link callBackend}. */
export function postToBackend(options: BackendOptions, body: object, signal: AbortSignal, invalid: (message: string) => R2UploadError, action?: string): Promise<unknown> {
  const routed = options.route === undefined ? body : { route: options.route, ...body };
  return callBackend(options, 'POST', endpointUrl(options.endpoint, '', { action }), routed, signal, invalid);
}
