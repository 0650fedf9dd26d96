import { R2UploadError } from '../errors/upload-error.js';
import { Md5, toHex } from './md5.js';
import { bareEtag } from '../protocol/etag.js';

export { bareEtag };

/** True when an ETag is a plain MD5, as stores answer for a single PUT or a part. */
export function isMd5Etag(etag: string): boolean {
  return /^[0-9a-f]{32}$/.test(bareEtag(etag));
}

/**
 * The ETag S3 and R2 give a completed multipart object: the MD5 of the
 * concatenated binary MD5s of its parts, then `-` and the part count.
 */
export function multipartEtag(partMd5s: readonly Uint8Array[]): string {
  const md5 = new Md5();
  for (const digest of partMd5s) md5.update(digest);
  return `${md5.hex()}-${partMd5s.length}`;
}

function mismatch(what: string, expected: string, etag: string): R2UploadError {
  return new R2UploadError('integrity_mismatch', `The store's ETag ${etag} does not match the ${what} computed from the file (${expected}).`, {
    hint: 'The bytes stored may differ from the file. Upload it again; if this repeats, the store may not use MD5 ETags (for example S3 with SSE-KMS), so turn `verify` off for it.',
  });
}

/** Throws `integrity_mismatch` unless a single PUT's ETag is the MD5 of the body. */
export function checkSingleEtag(etag: string, md5: Uint8Array): void {
  const expected = toHex(md5);
  if (bareEtag(etag) !== expected) throw mismatch('MD5', expected, etag);
}

/** Throws `integrity_mismatch` unless a part's MD5-form ETag is the MD5 of the part; opaque part ETags are not comparable. */
export function checkPartEtag(etag: string, md5: Uint8Array): void {
  if (isMd5Etag(etag)) checkSingleEtag(etag, md5);
}

/** Throws `integrity_mismatch` unless a multipart object's ETag is `<md5 of part md5s>-<count>`. */
export function checkMultipartEtag(etag: string, partMd5s: readonly Uint8Array[]): void {
  const expected = multipartEtag(partMd5s);
  if (bareEtag(etag) !== expected) throw mismatch('multipart checksum', expected, etag);
}
