import { describe, expect, it } from 'vitest';
import { R2UploadError } from '../../src/core/errors/upload-error.ts';
import { corsBlockedHint, corsRuleFor, etagHiddenHint, signatureMismatchHint, storeErrorHint, wranglerCorsFileFor } from '../../src/core/transport/put-hints.ts';
import { checkUploadUrl, type UploadUrlPolicy } from '../../src/core/policy/url-checks.ts';

const R2 = 'https://0123abcd.r2.cloudflarestorage.com/uploads/a.png';
const signed = (url: string, headers: string) => `${url}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-SignedHeaders=${encodeURIComponent(headers)}&X-Amz-Signature=ab`;

function refusal(url: string, policy: UploadUrlPolicy = {}, size = 10): R2UploadError | undefined {
  try {
    checkUploadUrl(url, size, policy);
    return undefined;
  } catch (error) {
    if (error instanceof R2UploadError) return error;
    throw error;
  }
}

describe('checkUploadUrl', () => {
  it.each([
    R2,
    'http://127.0.0.1:8787/uploads/a.png',
    'http://localhost:9000/uploads/a.png',
    'http://minio.localhost/uploads/a.png',
    'http://[::1]:9000/uploads/a.png',
  ])('allows %s', (url) => {
    expect(refusal(url)).toBeUndefined();
  });

  it.each(['http://bucket.example/uploads/a.png', 'http://10.0.0.5:9000/a.png', 'ftp://bucket.example/a.png', 'javascript:alert(1)'])(
    'refuses %s as insecure, before anything is sent',
    (url) => {
      const error = refusal(url);
      expect(error?.code).toBe('insecure_url');
      expect(error?.hint).toContain('allowInsecureUploadUrls');
    },
  );

  it('allows plain http when told to, but never other schemes', () => {
    expect(refusal('http://bucket.example/a.png', { allowInsecureUploadUrls: true })).toBeUndefined();
    expect(refusal('ftp://bucket.example/a.png', { allowInsecureUploadUrls: true })?.code).toBe('insecure_url');
  });

  it('confines URLs to allowedUploadOrigins, with subdomain wildcards and default ports', () => {
    const allowedUploadOrigins = ['https://0123abcd.r2.cloudflarestorage.com:443', 'https://*.uploads.example'];
    expect(refusal(R2, { allowedUploadOrigins })).toBeUndefined();
    expect(refusal('https://eu.uploads.example/a', { allowedUploadOrigins })).toBeUndefined();
    for (const url of ['https://evil.example/a', 'https://uploads.example/a', 'http://eu.uploads.example/a', 'https://0123abcd.r2.cloudflarestorage.com.evil.example/a', 'https://0123abcd.r2.cloudflarestorage.com:8443/a']) {
      const error = refusal(url, { allowedUploadOrigins, allowInsecureUploadUrls: true });
      expect(error?.code, url).toBe('url_not_allowed');
      expect(error?.message).toContain(new URL(url).origin);
    }
  });

  it('refuses the AWS SDK empty-body checksum for a file with bytes, whatever the case of the name', () => {
    for (const param of ['x-amz-checksum-crc32', 'X-Amz-Checksum-Crc32']) {
      const error = refusal(`${R2}?${param}=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32`);
      expect(error?.code).toBe('empty_body_checksum');
      expect(error?.hint).toContain("requestChecksumCalculation: 'WHEN_REQUIRED'");
    }
    // For an empty file that checksum is right.
    expect(refusal(`${R2}?x-amz-checksum-crc32=AAAAAA%3D%3D`, {}, 0)).toBeUndefined();
    expect(refusal(`${R2}?x-amz-checksum-crc32=3hGnYw%3D%3D`)).toBeUndefined();
  });

  it('warns when content-type is not signed and the app restricts types', () => {
    const hostOnly = signed(R2, 'host');
    const [warning] = checkUploadUrl(hostOnly, 10, { accept: 'image/*' });
    expect(warning?.code).toBe('content_type_not_signed');
    expect(warning?.hint).toContain('allHeaders: true');
    expect(warning?.hint).toContain("signableHeaders: new Set(['content-type'])");
    expect(checkUploadUrl(hostOnly, 10, { requireSignedContentType: true })).toHaveLength(1);
    expect(checkUploadUrl(hostOnly, 10, {})).toEqual([]);
    expect(checkUploadUrl(hostOnly, 10, { accept: 'image/*', requireSignedContentType: false })).toEqual([]);
    expect(checkUploadUrl(signed(R2, 'content-length;content-type;host'), 10, { accept: 'image/*' })).toEqual([]);
    // Not a SigV4 query-signed URL: nothing to judge.
    expect(checkUploadUrl(R2, 10, { requireSignedContentType: true })).toEqual([]);
  });
});

describe('hints', () => {
  it('give the CORS rule in the dashboard form and the wrangler form, and the command', () => {
    const hint = corsBlockedHint('https://app.example', 'photos');
    expect(hint).toContain('does not allow https://app.example');
    expect(hint).toContain(corsRuleFor('https://app.example'));
    expect(hint).toContain(wranglerCorsFileFor('https://app.example'));
    expect(hint).toContain('npx wrangler r2 bucket cors set photos --file cors.json');
    expect(JSON.parse(corsRuleFor('https://app.example'))).toEqual([
      { AllowedOrigins: ['https://app.example'], AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['content-type', 'if-none-match'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3600 },
    ]);
    // wrangler takes Cloudflare's API form: { rules: [{ allowed: { origins, methods, headers }, exposeHeaders }] }.
    expect(JSON.parse(wranglerCorsFileFor('https://app.example', ['PUT', 'DELETE']))).toEqual({
      rules: [{ allowed: { origins: ['https://app.example'], methods: ['PUT', 'DELETE'], headers: ['content-type', 'if-none-match'] }, exposeHeaders: ['ETag'], maxAgeSeconds: 3600 }],
    });
  });

  it('name the page origin by default', () => {
    expect(etagHiddenHint()).toContain(`"AllowedOrigins":["${location.origin}"]`);
    expect(etagHiddenHint()).toContain('ExposeHeaders: ["ETag"]');
  });

  it('read the likely cause of SignatureDoesNotMatch from the URL', () => {
    expect(signatureMismatchHint(signed('https://s3.example/b/a%20b.png', 'content-type;host'), 'text/plain')).toContain(
      'a Content-Type other than the signed one (this upload sent text/plain',
    );
    expect(signatureMismatchHint(signed('https://s3.example/b/a.png', 'content-length;host'))).toContain('a size other than the signed one');
    for (const path of ['/b/a+b.png', '/b/(1).png', "/b/it's.png", '/b/a%2520b.png']) {
      expect(signatureMismatchHint(signed(`https://s3.example${path}`, 'host')), path).toContain('a key encoded differently');
    }
    expect(signatureMismatchHint(signed('https://s3.example/b/a%20b%28c%29.png', 'host'))).not.toContain('Content-Type other');
    expect(signatureMismatchHint('https://s3.example/b/a.png')).toContain('a different Content-Type or size than the backend signed');
    expect(storeErrorHint('SignatureDoesNotMatch')).toMatch(/^The upload differs from what was signed/);
  });

  it.each(['ExpiredRequest', 'AccessDenied', 'EntityTooLarge', 'InvalidPart', 'NoSuchUpload', 'RequestTimeTooSkewed', 'SlowDown'])('have a fix for %s', (code) => {
    expect(storeErrorHint(code)?.length).toBeGreaterThan(20);
  });

  it('have none for unknown codes', () => {
    expect(storeErrorHint('Teapot')).toBeUndefined();
    expect(storeErrorHint(undefined)).toBeUndefined();
  });
});
