import { isRecord } from './is-record.js';
import { callBackend, endpointUrl, type BackendOptions } from './backend-fetch.js';
import { isR2UploadError, R2UploadError } from '../errors/upload-error.js';
import type { DownloadTarget, ListedObject, ObjectListPage, ObjectListRequest } from './list-protocol.js';

export { endpointUrl };

/** Statuses of a backend that has no list route: the listing is then not an error but unavailable. */
const NO_ROUTE = [404, 405, 501];

function invalid(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, { hint: 'See the list protocol in the README.' });
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
  const url = endpointUrl(options.endpoint, '', { prefix, cursor, limit: limit === undefined ? undefined : String(limit), delimiter });
  try {
    return parseObjectListPage(await callBackend(options, 'GET', url, undefined, signal, invalid));
  } catch (error) {
    if (isR2UploadError(error) && NO_ROUTE.includes(error.status ?? 0)) return undefined;
    throw error;
  }
}

/** `GET <endpoint>/download?key=`: a short-lived URL that downloads the object. */
export async function requestDownloadUrl(options: BackendOptions, key: string, signal?: AbortSignal): Promise<DownloadTarget> {
  const body = await callBackend(options, 'GET', endpointUrl(options.endpoint, '/download', { key }), undefined, signal, invalid);
  if (!isRecord(body) || typeof body.url !== 'string') throw invalid('The download answer has no "url".');
  return { url: body.url, key, expiresAt: String(body.expiresAt ?? '') };
}

/** `DELETE <endpoint>?key=`. */
export async function deleteObject(options: BackendOptions, key: string, signal?: AbortSignal): Promise<void> {
  // Its answer needs no body: a 2xx that is not JSON (a 204) is a delete too.
  await callBackend(options, 'DELETE', endpointUrl(options.endpoint, '', { key }), undefined, signal, invalid).catch((error: unknown) => {
    if (!isR2UploadError(error, 'invalid_backend_response')) throw error;
  });
}
