import { endpointUrl, failedAnswer, isRecord, resolveHeaders, type BackendOptions } from './backend-fetch.js';
import { R2UploadError } from './errors.js';
import type { DownloadTarget, ListedObject, ObjectListPage, ObjectListRequest } from './list-protocol.js';

export { endpointUrl };

/** Statuses of a backend that has no list route: the listing is then not an error but unavailable. */
const NO_ROUTE = [404, 405, 501];

/** Marks the answer of a route the backend does not have (see {@link NO_ROUTE}). */
const NONE = Symbol();

function invalid(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, { hint: 'See the list protocol in the README.' });
}

/**
 * GETs or DELETEs a backend route with the app's headers and returns its
 * JSON answer; `NONE` for a missing route when `optional`. Every failure is
 * an `R2UploadError`. A DELETE's answer needs no body.
 */
async function callBackend(
  options: BackendOptions,
  method: 'GET' | 'DELETE',
  path: '' | '/download',
  params: Record<string, string | undefined>,
  signal?: AbortSignal,
  optional?: boolean,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(endpointUrl(options.endpoint, path, params), {
      method,
      headers: { accept: 'application/json', ...(await resolveHeaders(options.headers)) },
      credentials: options.credentials ?? 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw new R2UploadError('canceled', 'The request was canceled.', { cause });
    throw new R2UploadError('backend_unreachable', `The backend at ${options.endpoint} could not be reached.`, { cause });
  }
  if (optional && NO_ROUTE.includes(response.status)) return NONE;
  let text = '';
  let body: unknown;
  try {
    text = await response.text();
    body = JSON.parse(text);
  } catch {
    if (response.ok && method === 'GET') {
      throw invalid(`The backend did not answer with JSON (it sent ${response.headers.get('content-type') ?? 'no content type'}).`);
    }
  }
  if (!response.ok) throw await failedAnswer(response, text, invalid);
  return body;
}

function isListedObject(value: unknown): value is ListedObject {
  return isRecord(value) && typeof value.key === 'string' && typeof value.size === 'number' && typeof value.etag === 'string' && typeof value.lastModified === 'string';
}

/** Checks that a value is an object list page; unknown top-level fields are dropped. */
export function parseObjectListPage(value: unknown): ObjectListPage {
  if (!isRecord(value) || !Array.isArray(value.objects) || !value.objects.every(isListedObject)) {
    throw invalid('The listing has no valid "objects".');
  }
  const { prefixes = [], capabilities, cursor, prefix } = value;
  if (!Array.isArray(prefixes) || !prefixes.every((folder) => typeof folder === 'string')) throw invalid('The listing\'s "prefixes" are not strings.');
  return {
    objects: value.objects,
    prefixes,
    prefix: typeof prefix === 'string' ? prefix : '',
    ...(typeof cursor === 'string' && cursor !== '' ? { cursor } : {}),
    ...(isRecord(capabilities) ? { capabilities: { download: capabilities.download === true, delete: capabilities.delete === true } } : {}),
  };
}

/**
 * One page of `GET <endpoint>?prefix=&cursor=&limit=&delimiter=`, or
 * `undefined` when the backend has no list route (404, 405 or 501).
 */
export async function fetchObjectPage(options: BackendOptions, request: ObjectListRequest, signal?: AbortSignal): Promise<ObjectListPage | undefined> {
  const { prefix, cursor, limit, delimiter } = request;
  const body = await callBackend(options, 'GET', '', { prefix, cursor, limit: limit === undefined ? undefined : String(limit), delimiter }, signal, true);
  return body === NONE ? undefined : parseObjectListPage(body);
}

/** `GET <endpoint>/download?key=`: a short-lived URL that downloads the object. */
export async function requestDownloadUrl(options: BackendOptions, key: string, signal?: AbortSignal): Promise<DownloadTarget> {
  const body = await callBackend(options, 'GET', '/download', { key }, signal);
  if (!isRecord(body) || typeof body.url !== 'string') throw invalid('The download answer has no "url".');
  return { url: body.url, key, expiresAt: String(body.expiresAt ?? '') };
}

/** `DELETE <endpoint>?key=`. */
export async function deleteObject(options: BackendOptions, key: string, signal?: AbortSignal): Promise<void> {
  await callBackend(options, 'DELETE', '', { key }, signal);
}
