import type { DownloadTarget } from '../core/protocol/list-protocol.js';
import { clampExpiresIn, type ResolvedConfig } from './config.js';
import { HttpError, jsonResponse } from './http-error.js';
import { encodeRfc3986 } from './object-key.js';
import { bucketOf, fetchS3, presignUrl } from './s3-request.js';
import { requestScope, resolveScopedKey } from './scope.js';
import { storeError } from './store-error.js';

/** Characters a quoted `filename=` may not hold; `filename*` carries the real name. */
const NOT_PLAIN_ASCII = /[^\x20-\x7E]|["\\]/g;

/**
 * `attachment` with the key's last segment as the file name (RFC 6266: an
 * ASCII fallback, then the UTF-8 name), so the download gets the name the
 * user uploaded rather than the key's random path.
 */
export function attachmentDisposition(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  // RFC 3986 encoding is valid RFC 5987 (it escapes `!` too, which RFC 5987 allows either way).
  return `attachment; filename="${name.replace(NOT_PLAIN_ASCII, '_')}"; filename*=UTF-8''${encodeRfc3986(name)}`;
}

/**
 * Scripts that ask for JSON get JSON; anything else (a link followed, an
 * `<a download>`, which Chrome sends with `Accept: *\/*`) gets a redirect.
 */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

/**
 * GET `/download?key=` → 200 `DownloadTarget` for `Accept: application/json`,
 * else 302 to the URL, so that a plain link downloads. The object is checked first, so a missing one is a
 * clean 404 rather than an XML page from the store.
 */
export async function downloadRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  const { download } = config.features;
  if (!download) throw new HttpError(404, 'not_found', 'Downloads are not enabled here.');
  const scope = await requestScope(config, request, 'download');
  const key = resolveScopedKey(new URL(request.url).searchParams.get('key'), scope);
  const bucket = bucketOf(config);
  const head = await fetchS3(bucket, { method: 'HEAD', key }, request.signal);
  if (head.status === 404) throw new HttpError(404, 'not_found', `There is no file "${key}".`);
  if (!head.ok) throw await storeError(head, 'read the file');
  const expiresIn = clampExpiresIn(download.expiresIn);
  const query = { 'response-content-disposition': attachmentDisposition(key) };
  const url = await presignUrl(bucket, { method: 'GET', key, query }, expiresIn);
  if (!wantsJson(request)) return new Response(null, { status: 302, headers: { location: url, 'cache-control': 'no-store' } });
  const target: DownloadTarget = { url, key, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
  return jsonResponse(200, target);
}
