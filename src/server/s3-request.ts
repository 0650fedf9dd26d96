import { HttpError } from './http-error.js';
import { encodeKeyPath, encodeRfc3986 } from './object-key.js';
import { signV4 } from './sigv4.js';

/** The bucket and the credentials that sign for it. */
export interface S3Bucket {
  /** The S3 API base, without a trailing slash. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Derived signing keys, reused across requests (one per day and region). */
  cache?: Map<string, ArrayBuffer>;
}

/** One S3 request: the bucket itself (`key` omitted) or one object. */
export interface S3Request {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  key?: string;
  /** Query parameters, in the order they should appear. */
  query?: Record<string, string>;
  /** Headers to sign (and, for a presigned URL, that the client must send). */
  headers?: Record<string, string>;
  /** `YYYYMMDDTHHMMSSZ`; tests pin it, everyone else signs with the current time. */
  datetime?: string;
  /** A body to send (the XML of CompleteMultipartUpload); not signed (UNSIGNED-PAYLOAD). */
  body?: string;
}

/** The path-style path, each key segment encoded once (RFC 3986). */
function pathOf(bucket: S3Bucket, key: string | undefined): string {
  return `/${encodeRfc3986(bucket.bucket)}${key === undefined ? '' : `/${encodeKeyPath(key)}`}`;
}

/** Signs in the query (with `expiresIn`) or in the headers; the path is encoded here once, in the RFC 3986 form S3 canonicalizes. */
function sign(bucket: S3Bucket, { key, datetime, ...request }: S3Request, expiresIn?: number): Promise<{ url: string; headers: Record<string, string> }> {
  return signV4(bucket, { ...request, path: pathOf(bucket, key) }, { expiresIn, datetime });
}

/** A presigned URL for `request`, valid `expiresIn` seconds; it binds every header in `request.headers`. */
export async function presignUrl(bucket: S3Bucket, request: S3Request, expiresIn: number): Promise<string> {
  return (await sign(bucket, request, expiresIn)).url;
}

/**
 * Sends a request signed in its headers (for the server's own calls: list,
 * head, delete, and the multipart calls that are not presigned). No
 * retries: the client retries, so one slow store answer does not turn into a
 * multi-second wait here.
 */
export async function fetchS3(bucket: S3Bucket, request: S3Request, signal?: AbortSignal): Promise<Response> {
  const { url, headers } = await sign(bucket, request);
  try {
    return await fetch(url, { method: request.method, headers, ...(request.body === undefined ? {} : { body: request.body }), ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    console.error(`r2-uploader: the store at ${bucket.endpoint} could not be reached`, error);
    throw new HttpError(502, 'store_error', 'The store could not be reached.');
  }
}

/** The bucket a resolved configuration signs for. */
export function bucketOf(config: Omit<S3Bucket, 'cache'> & { signingKeyCache: Map<string, ArrayBuffer> }): S3Bucket {
  const { endpoint, bucket, accessKeyId, secretAccessKey, region, signingKeyCache } = config;
  return { endpoint, bucket, accessKeyId, secretAccessKey, region, cache: signingKeyCache };
}
