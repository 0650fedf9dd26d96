/**
 * The fixes r2-uploader suggests. Kept in one place so the UI, the docs and
 * the tests quote the same words.
 */

/** The CORS rule a bucket needs for browser uploads from `origin`. */
export function corsRuleFor(origin: string): string {
  return JSON.stringify([
    {
      AllowedOrigins: [origin],
      AllowedMethods: ['PUT', 'GET', 'HEAD'],
      AllowedHeaders: ['content-type'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 3600,
    },
  ]);
}

function pageOrigin(): string {
  return typeof location === 'undefined' ? 'https://your-app.example' : location.origin;
}

export function corsBlockedHint(origin: string = pageOrigin()): string {
  return (
    `If the network is up, the bucket's CORS rules most likely do not allow ${origin}. ` +
    `Apply this rule: ${corsRuleFor(origin)} ` +
    '(for R2: wrangler r2 bucket cors set <bucket> --file cors.json).'
  );
}

export function etagHiddenHint(origin: string = pageOrigin()): string {
  return (
    'Add "ETag" to ExposeHeaders in the bucket\'s CORS rule (ExposeHeaders: ["ETag"]), ' +
    `for example: ${corsRuleFor(origin)}`
  );
}

const storeHints: Readonly<Record<string, string>> = {
  SignatureDoesNotMatch:
    'The upload differs from what was signed: a different Content-Type or size than the backend signed, ' +
    'or a key the backend encoded differently from the store (encode each key segment as RFC 3986).',
  ExpiredRequest: 'The presigned URL expired before the upload reached the store. Retry to get a new URL, or raise expiresIn.',
  AccessDenied: 'The credentials that signed the URL may not write to this bucket, or the URL expired.',
  RequestTimeTooSkewed: "The signing server's clock is wrong; sync it (NTP).",
  EntityTooLarge: 'The file is larger than the store accepts in one request; use a multipart upload.',
  SlowDown: 'The store is rate-limiting writes (R2 allows about one write per second to the same key). Retry later.',
};

/** The fix for an S3 error code, when one is known. */
export function storeErrorHint(s3Code: string | undefined): string | undefined {
  return s3Code === undefined ? undefined : storeHints[s3Code];
}
