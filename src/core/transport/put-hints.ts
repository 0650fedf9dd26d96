import { signedHeadersOf } from '../protocol/presigned-url.js';

/**
 * The fixes r2-uploader suggests. Kept in one place so the UI, the docs, the
 * doctor and the tests quote the same words.
 */

/** HTTP methods a bucket's CORS policy can allow. */
export type CorsMethod = 'GET' | 'PUT' | 'HEAD' | 'DELETE' | 'POST';

const UPLOAD_METHODS: readonly CorsMethod[] = ['PUT', 'GET', 'HEAD'];

/** The CORS policy a bucket needs for browser uploads from `origin`, in the S3 form the R2 dashboard takes. */
export function corsPolicyFor(origin: string, methods: readonly CorsMethod[] = UPLOAD_METHODS): object[] {
  return [{ AllowedOrigins: [origin], AllowedMethods: methods, AllowedHeaders: ['content-type', 'if-none-match'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3600 }];
}

/** The same policy in the form `wrangler r2 bucket cors set --file` takes (Cloudflare's API form, not S3's). */
export function wranglerCorsPolicyFor(origin: string, methods: readonly CorsMethod[] = UPLOAD_METHODS): object {
  return { rules: [{ allowed: { origins: [origin], methods, headers: ['content-type', 'if-none-match'] }, exposeHeaders: ['ETag'], maxAgeSeconds: 3600 }] };
}

/** {@link corsPolicyFor} as JSON. */
export function corsRuleFor(origin: string, methods?: readonly CorsMethod[]): string {
  return JSON.stringify(corsPolicyFor(origin, methods));
}

/** {@link wranglerCorsPolicyFor} as JSON: the contents of `cors.json`. */
export function wranglerCorsFileFor(origin: string, methods?: readonly CorsMethod[]): string {
  return JSON.stringify(wranglerCorsPolicyFor(origin, methods));
}

/** The command that applies `cors.json` to a bucket. */
export function wranglerCorsCommand(bucket: string): string {
  return `npx wrangler r2 bucket cors set ${bucket} --file cors.json`;
}

/** How to apply the rule: the dashboard and wrangler, with their two JSON forms. */
export function corsFixFor(origin: string, bucket = '<bucket>', methods?: readonly CorsMethod[]): string {
  return (
    `Dashboard (R2 → ${bucket} → Settings → CORS policy): ${corsRuleFor(origin, methods)}. ` +
    `Or save ${wranglerCorsFileFor(origin, methods)} as cors.json and run: ${wranglerCorsCommand(bucket)}`
  );
}

function pageOrigin(): string {
  return typeof location === 'undefined' ? 'https://your-app.example' : location.origin;
}

export function corsBlockedHint(origin: string = pageOrigin(), bucket?: string): string {
  return `If the network is up, the bucket's CORS policy does not allow ${origin}. ${corsFixFor(origin, bucket)}`;
}

export function etagHiddenHint(origin: string = pageOrigin(), bucket?: string): string {
  return `Expose ETag in the bucket's CORS policy (ExposeHeaders: ["ETag"]). ${corsFixFor(origin, bucket)}`;
}

const KEY_ENCODING = 'a key encoded differently from how it was signed (encode each key segment once, RFC 3986: space %20, + %2B, ( %28)';

/** RFC 3986 unreserved characters, `/` and `%XX` escapes: all a SigV4 canonical path holds. */
const CANONICAL_PATH = /^(?:[A-Za-z0-9\-._~/]|%[0-9A-Fa-f]{2})*$/;

/** True when the URL's path is not in the one encoding stores compare signatures with (raw `+ ( ) ! ' *`, or `%25xx` twice-encoded). */
function pathLooksMisencoded(url: string): boolean {
  const path = url.replace(/^\w+:\/\/[^/]*/, '').split(/[?#]/)[0] ?? '';
  return !CANONICAL_PATH.test(path) || /%25[0-9A-F]{2}/i.test(path);
}

/**
 * The likely cause of SignatureDoesNotMatch for one upload, read from what
 * the URL signs and how its key is encoded.
 */
export function signatureMismatchHint(url: string, contentType = 'none'): string {
  const signed = signedHeadersOf(url) ?? [];
  const causes: string[] = [];
  if (pathLooksMisencoded(url)) causes.push(KEY_ENCODING);
  if (signed.includes('content-type')) causes.push(`a Content-Type other than the signed one (this upload sent ${contentType}; return the signed type in "headers")`);
  if (signed.includes('content-length')) causes.push('a size other than the signed one');
  return `The upload differs from what was signed. Likely cause: ${causes.join('; or ') || `a different Content-Type or size than the backend signed, or ${KEY_ENCODING}`}.`;
}

const storeHints: Readonly<Record<string, string>> = {
  ExpiredRequest: 'The URL expired before the upload reached the store. Retry to get a new one, or raise expiresIn.',
  AccessDenied: 'The signing credentials may not write to this bucket (give the token Object Read & Write), or the URL expired.',
  RequestTimeTooSkewed: "The signing server's clock is wrong; sync it (NTP).",
  EntityTooLarge: 'The file is larger than one request may carry (5 GiB on R2); use a multipart upload.',
  InvalidPart: 'A part is missing or its ETag differs from the one sent to complete the upload. Upload the file again.',
  NoSuchUpload: 'The multipart upload is gone (completed, aborted, or over 7 days old). Upload the file again.',
  PreconditionFailed: 'An object already exists at this key, and the URL was signed not to replace one (If-None-Match: *): the backend chose a key that is taken. Choose unique keys, or let the route overwrite (overwrite: true).',
  SlowDown: 'The store is rate-limiting writes (R2: about one per second to the same key). Retry later.',
};

/** The fix for an S3 error code, when one is known; with the upload's URL, the likely cause of SignatureDoesNotMatch. */
export function storeErrorHint(s3Code: string | undefined, url?: string, contentType?: string): string | undefined {
  if (s3Code === 'SignatureDoesNotMatch') return signatureMismatchHint(url ?? '', contentType);
  return s3Code === undefined ? undefined : storeHints[s3Code];
}

/** The hint for a failed PUT, from its code, the store's S3 code and what the URL signed. */
export function putErrorHint(error: { code: string; s3Code?: string }, url: string, contentType?: string): string | undefined {
  if (error.code === 'network_error') return corsBlockedHint();
  if (error.code === 'etag_not_exposed') return etagHiddenHint();
  // The one PUT refusal made before sending: the signed Content-Length is not the body's size.
  if (error.code === 'invalid_backend_response') return 'Sign the exact size the client sent as Content-Length.';
  return storeErrorHint(error.s3Code, url, contentType);
}
