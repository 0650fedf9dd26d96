import type { UploadTarget } from '../core/protocol/upload-protocol.js';

/**
 * The query parameter a fake presigned URL carries the signed Content-Type in.
 * A real SigV4 URL carries a signature instead; the fake bucket compares this
 * value with the PUT's Content-Type the way a real store checks the signature.
 */
export const SIGNED_CONTENT_TYPE_PARAM = 'X-Test-Signed-Content-Type';

/** RFC 3986 encoding: `encodeURIComponent` leaves `!'()*` alone, S3 signing does not. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Encodes each path segment of an object key once (RFC 3986), as S3 expects in a URL. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeSegment).join('/');
}

/** Builds an upload target for a fake bucket, shaped like what a real backend signs. */
export function fakeUploadTarget(bucketUrl: string, key: string, contentType: string, size?: number): UploadTarget {
  const url = new URL(`${bucketUrl.replace(/\/+$/, '')}/${encodeKey(key)}`);
  url.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
  url.searchParams.set('X-Amz-SignedHeaders', size === undefined ? 'content-type;host' : 'content-length;content-type;host');
  url.searchParams.set(SIGNED_CONTENT_TYPE_PARAM, contentType);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (size !== undefined) headers['content-length'] = String(size);
  return { url: url.toString(), method: 'PUT', headers, key };
}
