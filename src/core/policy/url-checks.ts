import { R2UploadError } from '../errors/upload-error.js';
import { queryParam, signedHeadersOf } from '../protocol/presigned-url.js';
import { parseAccept, type FileRules } from './rules.js';
import type { R2UploadWarning } from '../errors/warnings.js';

/** Where upload URLs may point, and what they must sign. */
export interface UploadUrlPolicy {
  /**
   * Origins the backend's upload URLs must point to, for example
   * `['https://<account>.r2.cloudflarestorage.com']`; `https://*.example.com`
   * allows every subdomain. Default: any origin.
   */
  allowedUploadOrigins?: readonly string[];
  /** Allows `http:` upload URLs to hosts other than loopback (a LAN MinIO, say). Default `false`. */
  allowInsecureUploadUrls?: boolean;
  /**
   * Warns (through `onWarning`) when an upload URL does not sign
   * `content-type`, since the store then accepts any type for it. Default:
   * `true` when `accept` is set.
   */
  requireSignedContentType?: boolean;
}

/** The CRC32 of zero bytes: what AWS SDK v3 (3.729+) signs into presigned PUT URLs. */
const EMPTY_BODY_CRC32 = 'AAAAAA==';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}

/** True when `url`'s origin is `entry`, or a subdomain of it for a `scheme://*.host` entry. */
function originMatches(url: URL, entry: string): boolean {
  const wildcard = entry.includes('://*.');
  let allowed: URL;
  try {
    allowed = new URL(entry.replace('://*.', '://'));
  } catch {
    return false;
  }
  if (url.protocol !== allowed.protocol) return false;
  return wildcard ? url.host.endsWith(`.${allowed.host}`) : url.host === allowed.host;
}

/**
 * Checks an upload URL before anything is sent to it: it must be `https:`
 * (or loopback, or allowed insecure), inside `allowedUploadOrigins`, and must
 * not sign the checksum of an empty body. Throws an `R2UploadError`; returns
 * the warnings, such as a Content-Type that is not signed.
 */
export function checkUploadUrl(rawUrl: string, size: number, policy: UploadUrlPolicy & Pick<FileRules, 'accept'>): R2UploadWarning[] {
  const url = new URL(rawUrl);
  const insecure = url.protocol === 'http:' && !isLoopback(url.hostname) && !policy.allowInsecureUploadUrls;
  if (insecure || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new R2UploadError('insecure_url', `The upload URL is not https: (${url.origin}).`, {
      hint: 'Sign URLs for an https:// endpoint; http: is allowed for loopback, or with allowInsecureUploadUrls: true.',
    });
  }
  const allowed = policy.allowedUploadOrigins;
  if (allowed && !allowed.some((entry) => originMatches(url, entry))) {
    throw new R2UploadError('url_not_allowed', `The upload URL's origin ${url.origin} is not in allowedUploadOrigins.`, {
      hint: `Sign URLs for ${allowed.join(' or ')}, or allow ${url.origin}.`,
    });
  }
  if (size > 0 && queryParam(rawUrl, 'x-amz-checksum-crc32') === EMPTY_BODY_CRC32) {
    throw new R2UploadError('empty_body_checksum', 'The upload URL signs the checksum of an empty body (x-amz-checksum-crc32=AAAAAA==), so the store would refuse this file.', {
      hint: "The backend presigns with AWS SDK v3: create its S3Client with requestChecksumCalculation: 'WHEN_REQUIRED'.",
    });
  }
  const requireType = policy.requireSignedContentType ?? parseAccept(policy.accept).length > 0;
  const signed = signedHeadersOf(rawUrl);
  if (requireType && signed && !signed.includes('content-type')) {
    return [
      {
        code: 'content_type_not_signed',
        message: 'The upload URL does not sign Content-Type, so the store accepts any type.',
        hint: "Sign it: aws4fetch sign(..., { allHeaders: true }); @aws-sdk/s3-request-presigner getSignedUrl(..., { signableHeaders: new Set(['content-type']) }).",
      },
    ];
  }
  return [];
}
