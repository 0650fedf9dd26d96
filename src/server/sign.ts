import { presignUrl } from './s3-request.js';

/** What a presigned PUT binds. */
export interface PresignPutInput {
  /** The S3 API base, without a trailing slash. */
  endpoint: string;
  bucket: string;
  key: string;
  contentType: string;
  size: number;
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
 * and `host`, so the store refuses another type or size.
 */
export async function presignPut(input: PresignPutInput): Promise<string> {
  const { contentType, size, expiresIn, key, datetime, ...bucket } = input;
  const headers = { 'content-type': contentType, 'content-length': String(size) };
  return presignUrl(bucket, { method: 'PUT', key, headers, ...(datetime ? { datetime } : {}) }, expiresIn);
}
