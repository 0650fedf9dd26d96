import { AwsV4Signer } from 'aws4fetch';
import type { SignS3Request } from '../shared/protocol.ts';

/** The bucket and credentials the bench signs for. */
export interface SigningTarget {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Seconds a bench URL stays valid: long enough for the slowest throttled run. */
const EXPIRES_IN = 3600;

/** RFC 3986 encoding of one key segment; bench keys are ASCII, so this is the whole of SigV4's rule. */
const encodeSegment = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The S3 query parameters that say which operation a request is. */
export function operationQuery(request: SignS3Request): Record<string, string> {
  const { method, uploadId, partNumber } = request;
  if (uploadId === undefined) return method === 'POST' ? { uploads: '' } : {};
  if (method === 'PUT') {
    if (partNumber === undefined) throw new TypeError('UploadPart needs a partNumber.');
    return { partNumber: String(partNumber), uploadId };
  }
  return { uploadId };
}

/**
 * A presigned URL for any S3 request on one key. `signedHeaders` are bound
 * into the signature (the single-PUT baselines sign content-type and
 * content-length, exactly like the library's handler); without them only
 * `host` is signed, as Uppy's own examples and most multipart backends do.
 */
export async function presignS3(
  target: SigningTarget,
  request: SignS3Request,
  signedHeaders: Record<string, string> = {},
): Promise<string> {
  const path = `/${encodeSegment(target.bucket)}/${request.key.split('/').map(encodeSegment).join('/')}`;
  const url = new URL(`${target.endpoint}${path}`);
  for (const [name, value] of Object.entries(operationQuery(request))) url.searchParams.set(name, value);
  url.searchParams.set('X-Amz-Expires', String(EXPIRES_IN));
  const signer = new AwsV4Signer({
    method: request.method,
    url: url.href,
    headers: signedHeaders,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    service: 's3',
    region: 'auto',
    signQuery: true,
    allHeaders: Object.keys(signedHeaders).length > 0,
  });
  return (await signer.sign()).url.href;
}
