import { presignUrl } from './s3-request.js';

/** What a presigned PUT binds. */
export interface PresignPutInput {
  /** The S3 API base, without a trailing slash. */
  endpoint: string;
  bucket: string;
  key: string;
  /** Headers to sign besides `content-length` (`content-type`, `if-none-match`, `x-amz-meta-*`); an UploadPart has none (the type was set when the upload was created). */
  headers?: Record<string, string>;
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
 * A path-style presigned PUT URL that signs `content-length`, `host` and the
 * given headers (`content-type`), so the store refuses another type or size. With `query`, the
 * same for an UploadPart of a multipart upload (which signs no type).
 */
export async function presignPut(input: PresignPutInput): Promise<string> {
  const { headers: signed, size, expiresIn, key, datetime, query, ...bucket } = input;
  const headers: Record<string, string> = { ...signed, 'content-length': String(size) };
  return presignUrl(bucket, { method: 'PUT', key, headers, ...(query ? { query } : {}), ...(datetime ? { datetime } : {}) }, expiresIn);
}
