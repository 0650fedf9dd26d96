import { backendErrorFrom, endpointUrl, isRecord, resolveHeaders, type BackendOptions } from './backend-fetch.js';

export { endpointUrl };
import { R2UploadError } from './errors.js';
import type { DownloadTarget, ListedObject, ObjectListPage, ObjectListRequest } from './list-protocol.js';

/** Statuses of a backend that has no list route: the listing is then not an error but unavailable. */
const NO_ROUTE = new Set([404, 405, 501]);

function invalid(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, { hint: 'See the list protocol in the README.' });
}

/** GETs or DELETEs a backend route with the app's headers; every failure is an `R2UploadError`. */
async function callBackend(options: BackendOptions, method: 'GET' | 'DELETE', url: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(await resolveHeaders(options.headers)) },
      credentials: options.credentials ?? 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw new R2UploadError('canceled', 'The request was canceled.', { cause });
    throw new R2UploadError('backend_unreachable', `The backend at ${options.endpoint} could not be reached.`, { cause });
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) throw backendErrorFrom(response.status, response.statusText, undefined);
    throw invalid(`The backend did not answer with JSON (it sent ${response.headers.get('content-type') ?? 'no content type'}).`);
  }
}

function isListedObject(value: unknown): value is ListedObject {
  return isRecord(value) && typeof value.key === 'string' && typeof value.size === 'number' && typeof value.etag === 'string' && typeof value.lastModified === 'string';
}

/** Checks that a value is an object list page; unknown top-level fields are dropped. */
export function parseObjectListPage(value: unknown): ObjectListPage {
  if (!isRecord(value) || !Array.isArray(value.objects) || !value.objects.every(isListedObject)) {
    throw invalid('The listing has no valid "objects".');
  }
  const { prefixes = [], capabilities } = value;
  if (!Array.isArray(prefixes) || !prefixes.every((prefix) => typeof prefix === 'string')) throw invalid('The listing\'s "prefixes" are not strings.');
  return {
    objects: value.objects,
    prefixes,
    prefix: typeof value.prefix === 'string' ? value.prefix : '',
    ...(typeof value.cursor === 'string' && value.cursor !== '' ? { cursor: value.cursor } : {}),
    ...(isRecord(capabilities) ? { capabilities: { download: capabilities.download === true, delete: capabilities.delete === true } } : {}),
  };
}

/**
 * One page of `GET <endpoint>?prefix=&cursor=&limit=&delimiter=`, or
 * `undefined` when the backend has no list route (404, 405 or 501).
 */
export async function fetchObjectPage(options: BackendOptions, request: ObjectListRequest, signal?: AbortSignal): Promise<ObjectListPage | undefined> {
  const { prefix, cursor, limit, delimiter } = request;
  const url = endpointUrl(options.endpoint, '', { prefix, cursor, limit: limit === undefined ? undefined : String(limit), delimiter });
  const response = await callBackend(options, 'GET', url, signal);
  if (NO_ROUTE.has(response.status)) return undefined;
  const body = await jsonOf(response);
  if (!response.ok) throw backendErrorFrom(response.status, response.statusText, body);
  return parseObjectListPage(body);
}

/** `GET <endpoint>/download?key=`: a short-lived URL that downloads the object. */
export async function requestDownloadUrl(options: BackendOptions, key: string, signal?: AbortSignal): Promise<DownloadTarget> {
  const response = await callBackend(options, 'GET', endpointUrl(options.endpoint, '/download', { key }), signal);
  const body = await jsonOf(response);
  if (!response.ok) throw backendErrorFrom(response.status, response.statusText, body);
  if (!isRecord(body) || typeof body.url !== 'string') throw invalid('The download answer has no "url".');
  return { url: body.url, key, expiresAt: String(body.expiresAt ?? '') };
}

/** `DELETE <endpoint>?key=`. */
export async function deleteObject(options: BackendOptions, key: string, signal?: AbortSignal): Promise<void> {
  const response = await callBackend(options, 'DELETE', endpointUrl(options.endpoint, '', { key }), signal);
  if (!response.ok) throw backendErrorFrom(response.status, response.statusText, await jsonOf(response).catch(() => undefined));
}
