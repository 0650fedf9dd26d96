import { AwsV4Signer } from 'aws4fetch';
import { encodeKeyPath, encodeRfc3986 } from './object-key.js';

/** What a presigned PUT binds. */
export interface PresignPutInput {
  /** The S3 API base, without a trailing slash. */
  endpoint: string;
  bucket: string;
  key: string;
  /** Signed when given; an UploadPart has none (the type was set when the upload was created). */
  contentType?: string;
  size: number;
  /** Extra query parameters the signature covers, such as `partNumber` and `uploadId` for an UploadPart. */
  query?: Record<string, string>;
  expiresIn: number;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Derived signing keys, reused across requests (one per day and region). */
  cache?: Map<string, ArrayBuffer>;
  /** `YYYYMMDDTHHMMSSZ`; tests pin it, everyone else signs with the current time. */
  datetime?: string;
}

/**
 * A path-style presigned PUT URL that signs `content-length`, `content-type`
 * (when given) and `host`, so the store refuses another type or size. With
 * `query`, the same for an UploadPart of a multipart upload.
 *
 * The signer is used directly rather than through `AwsClient.sign`, which
 * builds a `Request` on the way: browsers drop `content-length` from a
 * `Request`'s headers, and the signature would silently stop covering the size.
 *
 * The URL is assembled here, in exactly the RFC 3986 form aws4fetch
 * canonicalizes (it decodes the path and encodes it again, so nothing is
 * encoded twice), instead of taking the signer's `URL` object: Workers on a
 * compatibility date before `url_standard` decode `%27 %21 %28 %29` back to
 * `' ! ( )` when serializing a URL, and the store, which checks the raw path,
 * then answers SignatureDoesNotMatch.
 */
export async function presignPut(input: PresignPutInput): Promise<string> {
  const path = `/${encodeRfc3986(input.bucket)}/${encodeKeyPath(input.key)}`;
  const url = new URL(`${input.endpoint}${path}`);
  for (const [name, value] of Object.entries(input.query ?? {})) url.searchParams.set(name, value);
  url.searchParams.set('X-Amz-Expires', String(input.expiresIn));
  const headers: Record<string, string> = { 'content-length': String(input.size) };
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  const signer = new AwsV4Signer({
    method: 'PUT',
    url: url.href,
    headers,
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    service: 's3',
    region: input.region,
    signQuery: true,
    allHeaders: true,
    ...(input.cache ? { cache: input.cache } : {}),
    ...(input.datetime ? { datetime: input.datetime } : {}),
  });
  const signed = await signer.sign();
  const query = [...signed.url.searchParams].map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`).join('&');
  return `${input.endpoint}${path}?${query}`;
}
