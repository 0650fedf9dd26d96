import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import type { R2UploadErrorCode } from '../../src/core/errors/upload-error.ts';
import type { UploadTarget, UploadUrlRequest } from '../../src/core/protocol/upload-protocol.ts';
import type { FileRejectionReason } from '../../src/core/policy/rules.ts';
import type { UploaderOptions } from '../../src/core/engine/types.ts';
import type { R2UploadWarning } from '../../src/core/errors/warnings.ts';
import { createR2UploadHandler, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { presignPut } from '../../src/server/sign.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { startS3Proxy, type CorsRule, type Fault, type S3Proxy } from '../support/s3-proxy.ts';
import { pageWindow } from '../support/page-window.ts';
import { startScenarioBackend, type Scenario, type ScenarioBackend } from '../support/scenario-backend.ts';

/*
 * Bad input, one table. Each case uploads a batch through the real uploader
 * (jsdom's XMLHttpRequest, which performs real CORS) to a real bucket
 * (Miniflare, which checks every signature) behind the CORS and fault proxy,
 * signed by a real handler or a misbehaving backend. Each case asserts the
 * first file's outcome and error code, that the backend never saw a file the
 * client refused, that the bucket holds exactly what it should, and that the
 * good file of the same batch uploads all the same.
 */

const page = pageWindow('http://localhost:3000/');
const PAGE_ORIGIN = page.location.origin;
const LIMIT = 1024;

let r2: LocalR2;
/** The bucket as the app's CORS policy should be. */
let proxy: S3Proxy;
/** The same bucket behind a second proxy, whose CORS policy a case breaks; only `bad` files are signed for it. */
let brokenProxy: S3Proxy;
let backend: ScenarioBackend;

const goodRule: CorsRule = { AllowedOrigins: [PAGE_ORIGIN], AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['content-type', 'if-none-match'], ExposeHeaders: ['ETag'] };

const json = (status: number, body: unknown) => Response.json(body, { status });
const uploadRequestOf = async (request: Request) => (await request.clone().json()) as UploadUrlRequest;

function startScenarios(): Record<string, Scenario> {
  const bucket = (endpoint: string, options: Partial<R2UploadHandlerOptions> = {}) =>
    createR2UploadHandler({ endpoint, bucket: r2.bucket, accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, ...options });
  const open = bucket(proxy.endpoint);
  const strict = bucket(proxy.endpoint, {
    accept: 'text/*, image/*, .pdf',
    maxFileSize: LIMIT,
    validate: ({ filename }) => (filename.includes('forbidden') ? 'That name is taken.' : undefined),
  });
  const broken = bucket(brokenProxy.endpoint);
  /** Signs good files normally; `bad…` files get `misbehave`. */
  const forBad = (misbehave: Scenario): Scenario => async (request) => ((await uploadRequestOf(request)).filename.startsWith('bad') ? misbehave(request) : open(request));
  /** A real target for `bad…` files, altered. */
  const altered = (change: (target: UploadTarget, upload: UploadUrlRequest) => UploadTarget): Scenario =>
    forBad(async (request) => {
      const upload = await uploadRequestOf(request);
      return json(200, change((await (await open(request)).json()) as UploadTarget, upload));
    });
  /** A target signed here by hand, for `bad…` files. */
  const handSigned = (sign: (upload: UploadUrlRequest, key: string) => Promise<UploadTarget>): Scenario =>
    forBad(async (request) => {
      const upload = await uploadRequestOf(request);
      return json(200, await sign(upload, `uploads/hand-signed/${upload.filename}`));
    });
  const presign = (key: string, contentType: string, size: number, extra: { datetime?: string } = {}) =>
    presignPut({ endpoint: proxy.endpoint, bucket: r2.bucket, key, headers: { 'content-type': contentType }, size, expiresIn: 600, accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, region: 'auto', ...extra });

  return {
    open,
    strict,
    'json-500': forBad(() => json(500, { error: { code: 'database_down', message: 'The database is down.' } })),
    'html-500': forBad(() => new Response('<html><body>Internal Server Error</body></html>', { status: 500, headers: { 'content-type': 'text/html' } })),
    'not-found': forBad(() => new Response('<html>Not Found</html>', { status: 404, headers: { 'content-type': 'text/html' } })),
    'html-200': forBad(() => new Response('<html>Please sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } })),
    'no-url': altered(({ url: _url, ...rest }) => rest as UploadTarget),
    hang: forBad(() => 'hang'),
    drop: forBad(() => 'drop'),
    'other-host': altered((target) => ({ ...target, url: target.url.replace(proxy.origin, 'https://uploads.other.example') })),
    'plain-http': altered((target) => ({ ...target, url: target.url.replace(proxy.origin, 'http://bucket.example') })),
    checksum: altered((target) => ({ ...target, url: `${target.url}&x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32` })),
    'size-mismatch': altered((target, upload) => ({ ...target, headers: { ...target.headers, 'content-length': String(upload.size + 1) } })),
    expired: handSigned(async ({ contentType, size }, key) => {
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString().replace(/[-:]|\.\d{3}/g, '');
      return { url: await presign(key, contentType, size, { datetime: twoHoursAgo }), method: 'PUT', headers: { 'content-type': contentType }, key };
    }),
    // Signed for one type, without telling the client which: it sends the file's own.
    'other-type': handSigned(async ({ size }, key) => ({ url: await presign(key, 'application/pdf', size), method: 'PUT', headers: {}, key })),
    // Signed for another size, without saying so: the browser sends the real length.
    'other-size': handSigned(async ({ contentType, size }, key) => ({ url: await presign(key, contentType, size + 1), method: 'PUT', headers: { 'content-type': contentType }, key })),
    // aws4fetch's default presigning signs only `host`: any Content-Type would be stored.
    'type-unsigned': handSigned(async ({ contentType }, key) => {
      const client = new AwsClient({ accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, service: 's3', region: 'auto' });
      const signed = await client.sign(`${proxy.endpoint}/${r2.bucket}/${key}?X-Amz-Expires=600`, { method: 'PUT', aws: { signQuery: true } });
      return { url: signed.url, method: 'PUT', headers: { 'content-type': contentType }, key };
    }),
    'broken-cors': forBad((request) => broken(request)),
  };
}

beforeAll(async () => {
  // The uploader runs as on that page: its XMLHttpRequest, its location (which the CORS hints name).
  Object.assign(globalThis, { XMLHttpRequest: page.XMLHttpRequest, location: page.location });
  r2 = await startLocalR2();
  proxy = await startS3Proxy(r2.endpoint);
  brokenProxy = await startS3Proxy(r2.endpoint);
  backend = await startScenarioBackend(startScenarios());
});
afterAll(async () => {
  Reflect.deleteProperty(globalThis, 'XMLHttpRequest');
  Reflect.deleteProperty(globalThis, 'location');
  await backend?.close();
  await brokenProxy?.close();
  await proxy?.close();
  await r2?.dispose();
});
beforeEach(() => {
  proxy.reset();
  proxy.setCors([goodRule]);
  brokenProxy.reset();
  brokenProxy.setCors([goodRule]);
  backend.reset();
});

/** A file as the page has it (jsdom's own File, which its XMLHttpRequest sends). */
const file = (name: string, content: string | number, type = 'text/plain'): File =>
  new page.File([typeof content === 'number' ? 'x'.repeat(content) : content], name, { type });
const png = (name: string, size = 64) => file(name, size, 'image/png');

/** What the first file of a batch must end as. */
type Outcome =
  | {
      /** The error code, and the rule or S3 code behind it. */
      code: R2UploadErrorCode;
      reason?: FileRejectionReason;
      s3Code?: string;
      status?: number;
      /** Text the message or the hint must contain. */
      says?: string | RegExp;
      /** Whether the backend saw the file (false: the client refused it first). */
      reachedBackend: boolean;
      /** Whether the bucket holds it all the same (a hidden ETag: the PUT worked). */
      stored?: boolean;
    }
  | {
      /** Uploaded: under a key whose last segment is `name`, with this Content-Type. */
      name: string;
      contentType?: string;
      warning?: R2UploadWarning['code'];
    };

interface BadInput {
  name: string;
  /** The backend route: a scenario above. */
  scenario: string;
  /** The file under test (more for maxFiles); a good PNG is added to the batch. */
  files: () => File[];
  /** The client's options besides `endpoint` (a function when they depend on the running stack). */
  client?: Partial<UploaderOptions> | (() => Partial<UploaderOptions>);
  /** The good file goes first (for maxFiles, which counts in order). */
  goodFirst?: boolean;
  setup?: () => void;
  expected: Outcome;
}

const onlyBad: Fault['match'] = ({ url }) => url.pathname.includes('/bad');
/** Every attempt meets the fault, so a case shows what the user sees once retries are spent. */
const ATTEMPTS = 3;
const storeFault = (status: number, s3Code: string): (() => void) => () => proxy.inject({ match: onlyBad, times: ATTEMPTS, action: { type: 'status', status, s3Code } });
const rejected = (reason: FileRejectionReason, says?: string) => ({ code: 'file_rejected' as const, reason, says, reachedBackend: false });
const refusedByServer = (reason: FileRejectionReason, status: number) => ({ code: 'file_rejected' as const, reason, status, reachedBackend: true });
const clientRules = { accept: 'text/*, image/*, .pdf', maxFileSize: LIMIT };

const names: BadInput[] = [
  { name: 'an empty name', scenario: 'open', files: () => [file('', 'x')], expected: rejected('invalid_name', 'The file has no name.') },
  { name: '"."', scenario: 'open', files: () => [file('.', 'dot')], expected: { name: 'file' } },
  { name: '".."', scenario: 'open', files: () => [file('..', 'dots')], expected: { name: 'file' } },
  { name: '"../../etc/passwd"', scenario: 'open', files: () => [file('../../etc/passwd', 'root:x:0:0')], expected: { name: 'passwd' } },
  { name: '"a/b"', scenario: 'open', files: () => [file('a/b.txt', 'ab')], expected: { name: 'b.txt' } },
  { name: 'a name over 1,024 bytes', scenario: 'open', files: () => [file(`${'é'.repeat(800)}.txt`, 'long')], expected: { name: `${'é'.repeat(487)}.txt` } }, // 1,024 − 45 (uploads/<uuid>/) − 4 (.txt) = 975 bytes: 487 two-byte é
  { name: 'control characters', scenario: 'open', files: () => [file('tab\there\u0000nul\u0007.txt', 'ctl')], expected: { name: 'tabherenul.txt' } },
  { name: 'a bidi override (exe disguised as txt)', scenario: 'open', files: () => [file('invoice\u202Etxt.exe', 'MZ', '')], expected: { name: 'invoicetxt.exe', contentType: 'application/octet-stream' } },
  { name: 'emoji', scenario: 'open', files: () => [file('🐱 cat 👩‍👩‍👧 (1).txt', 'meow')], expected: { name: '🐱 cat 👩‍👩‍👧 (1).txt' } },
  { name: 'an NFC name', scenario: 'open', files: () => [file('R\u00e9sum\u00e9.txt', 'nfc')], expected: { name: 'R\u00e9sum\u00e9.txt' } },
  { name: 'an NFD name (stored as NFC)', scenario: 'open', files: () => [file('Re\u0301sume\u0301.txt', 'nfd')], expected: { name: 'R\u00e9sum\u00e9.txt' } },
  { name: '"%00"', scenario: 'open', files: () => [file('%00.txt', 'pct')], expected: { name: '%00.txt' } },
  { name: '"con.txt"', scenario: 'open', files: () => [file('con.txt', 'device')], expected: { name: '_con.txt' } },
  { name: 'S3-hostile characters: + ? # ( ) ! \' * & =', scenario: 'open', files: () => [file("a+b?c#d (e)!'*&=.txt", 'chars')], expected: { name: "a+b?c#d (e)!'*&=.txt" } },
];

const files: BadInput[] = [
  { name: 'zero bytes', scenario: 'strict', files: () => [file('empty.txt', '')], client: clientRules, expected: { name: 'empty.txt', contentType: 'text/plain' } },
  { name: 'zero bytes under minFileSize: 1', scenario: 'strict', files: () => [file('empty.txt', '')], client: { minFileSize: 1 }, expected: rejected('file_too_small', 'this one is empty') },
  { name: 'exactly the size limit', scenario: 'strict', files: () => [file('limit.txt', LIMIT)], client: clientRules, expected: { name: 'limit.txt' } },
  { name: 'one byte over the limit', scenario: 'strict', files: () => [file('over.txt', LIMIT + 1)], client: clientRules, expected: rejected('file_too_large', 'at most 1024 bytes, and this one is 1025 bytes') },
  { name: 'one byte over, from a client without rules (the server refuses)', scenario: 'strict', files: () => [file('over.txt', LIMIT + 1)], expected: refusedByServer('file_too_large', 413) },
  { name: 'an empty file.type (typed from the extension)', scenario: 'strict', files: () => [file('notes.md', '# hi', '')], client: clientRules, expected: { name: 'notes.md', contentType: 'text/markdown' } },
  { name: 'an unknown extension and no type', scenario: 'open', files: () => [file('data.xyz', 'bytes', '')], expected: { name: 'data.xyz', contentType: 'application/octet-stream' } },
  { name: 'a type that lies about the extension', scenario: 'strict', files: () => [file('invoice.html', '<script>', 'image/png')], client: clientRules, expected: rejected('type_mismatch', 'its name ends in .html') },
  { name: 'a lying type, from a client without rules (the server refuses)', scenario: 'strict', files: () => [file('invoice.html', '<script>', 'image/png')], expected: refusedByServer('type_mismatch', 415) },
  { name: 'a type outside accept', scenario: 'strict', files: () => [file('tool.exe', 'MZ', 'application/x-msdownload')], client: clientRules, expected: rejected('content_type_not_allowed') },
  { name: 'a type outside accept, from a client without rules (the server refuses)', scenario: 'strict', files: () => [file('tool.exe', 'MZ', 'application/x-msdownload')], expected: refusedByServer('content_type_not_allowed', 415) },
  { name: 'a file validate refuses', scenario: 'strict', files: () => [png('blurry.png')], client: { validate: (f) => (f.name.startsWith('blurry') ? 'Too blurry.' : undefined) }, expected: rejected('validation_failed', 'Too blurry.') },
  { name: 'a file the server’s validate refuses', scenario: 'strict', files: () => [png('forbidden.png')], expected: refusedByServer('validation_failed', 422) },
  { name: 'one file more than maxFiles', scenario: 'strict', files: () => [png('third.png')], goodFirst: true, client: { maxFiles: 1 }, expected: rejected('too_many_files', 'At most 1 file may be uploaded.') },
];

const backendFailures: BadInput[] = [
  { name: 'a 500 with a JSON error', scenario: 'json-500', files: () => [png('bad.png')], expected: { code: 'backend_error', status: 500, says: 'The database is down.', reachedBackend: true } },
  { name: 'a 500 with HTML', scenario: 'html-500', files: () => [png('bad.png')], expected: { code: 'backend_error', status: 500, says: '500', reachedBackend: true } },
  { name: 'a 404', scenario: 'not-found', files: () => [png('bad.png')], expected: { code: 'backend_error', status: 404, says: '404', reachedBackend: true } },
  { name: 'HTML instead of JSON', scenario: 'html-200', files: () => [png('bad.png')], expected: { code: 'invalid_backend_response', says: 'did not answer with JSON (it sent text/html)', reachedBackend: true } },
  { name: 'JSON without a url', scenario: 'no-url', files: () => [png('bad.png')], expected: { code: 'invalid_backend_response', says: 'without a "url"', reachedBackend: true } },
  { name: 'no answer within the backend timeout', scenario: 'hang', files: () => [png('bad.png')], client: { backendTimeout: 300 }, expected: { code: 'backend_timeout', says: 'raise backendTimeout', reachedBackend: true } },
  { name: 'a dropped connection', scenario: 'drop', files: () => [png('bad.png')], expected: { code: 'backend_unreachable', reachedBackend: true } },
  { name: 'a URL for another host', scenario: 'other-host', files: () => [png('bad.png')], client: () => ({ allowedUploadOrigins: [proxy.origin] }), expected: { code: 'url_not_allowed', says: 'https://uploads.other.example', reachedBackend: true } },
  { name: 'a plain-http URL to a remote host', scenario: 'plain-http', files: () => [png('bad.png')], expected: { code: 'insecure_url', says: 'allowInsecureUploadUrls', reachedBackend: true } },
  { name: 'a URL with the AWS SDK empty-body checksum', scenario: 'checksum', files: () => [png('bad.png')], expected: { code: 'empty_body_checksum', says: "requestChecksumCalculation: 'WHEN_REQUIRED'", reachedBackend: true } },
  { name: 'a target signed for another size than the file', scenario: 'size-mismatch', files: () => [png('bad.png', 64)], expected: { code: 'invalid_backend_response', says: 'signed 65 bytes, but the file has 64', reachedBackend: true } },
  { name: 'a URL whose signature has expired', scenario: 'expired', files: () => [png('bad.png')], expected: { code: 'store_error', status: 403, s3Code: 'ExpiredRequest', says: 'Retry to get a new one', reachedBackend: true } },
];

const storeFailures: BadInput[] = [
  { name: '403 for the type (signed for another Content-Type)', scenario: 'other-type', files: () => [png('bad.png')], expected: { code: 'store_error', status: 403, s3Code: 'SignatureDoesNotMatch', says: 'a Content-Type other than the signed one (this upload sent image/png', reachedBackend: true } },
  { name: '403 for the size (signed for another length)', scenario: 'other-size', files: () => [png('bad.png')], expected: { code: 'store_error', status: 403, s3Code: 'SignatureDoesNotMatch', says: 'a size other than the signed one', reachedBackend: true } },
  {
    name: 'CORS blocking the page’s origin',
    scenario: 'broken-cors',
    files: () => [png('bad.png')],
    setup: () => brokenProxy.setCors([{ ...goodRule, AllowedOrigins: ['https://elsewhere.example'] }]),
    expected: { code: 'network_error', says: `"AllowedOrigins":["${PAGE_ORIGIN}"]`, reachedBackend: true },
  },
  {
    name: 'CORS hiding the ETag',
    scenario: 'broken-cors',
    files: () => [png('bad.png')],
    setup: () => brokenProxy.setCors([{ ...goodRule, ExposeHeaders: [] }]),
    expected: { code: 'etag_not_exposed', says: 'ExposeHeaders: ["ETag"]', reachedBackend: true, stored: true },
  },
  { name: '503 SlowDown', scenario: 'open', files: () => [png('bad.png')], setup: storeFault(503, 'SlowDown'), expected: { code: 'store_error', status: 503, s3Code: 'SlowDown', says: 'Retry later', reachedBackend: true } },
  { name: '403 AccessDenied', scenario: 'open', files: () => [png('bad.png')], setup: storeFault(403, 'AccessDenied'), expected: { code: 'store_error', status: 403, s3Code: 'AccessDenied', says: 'Object Read & Write', reachedBackend: true } },
  { name: '400 EntityTooLarge', scenario: 'open', files: () => [png('bad.png')], setup: storeFault(400, 'EntityTooLarge'), expected: { code: 'store_error', status: 400, s3Code: 'EntityTooLarge', says: 'multipart', reachedBackend: true } },
  { name: '403 RequestTimeTooSkewed', scenario: 'open', files: () => [png('bad.png')], setup: storeFault(403, 'RequestTimeTooSkewed'), expected: { code: 'store_error', s3Code: 'RequestTimeTooSkewed', says: 'NTP', reachedBackend: true } },
  { name: 'a 500 without an S3 body', scenario: 'open', files: () => [png('bad.png')], setup: () => proxy.inject({ match: onlyBad, times: ATTEMPTS, action: { type: 'status', status: 500 } }), expected: { code: 'store_error', status: 500, says: '(500)', reachedBackend: true } },
  { name: 'a connection dropped mid-upload', scenario: 'open', files: () => [png('bad.png', 4096)], setup: () => proxy.inject({ match: onlyBad, times: ATTEMPTS, action: { type: 'drop', afterBytes: 1 } }), expected: { code: 'network_error', reachedBackend: true } },
  { name: 'a URL that does not sign Content-Type, for an app that restricts types (a warning)', scenario: 'type-unsigned', files: () => [png('bad.png')], client: { accept: 'image/*' }, expected: { name: 'bad.png', warning: 'content_type_not_signed' } },
];

const table = [...names, ...files, ...backendFailures, ...storeFailures];

describe('bad input', () => {
  it('has at least 40 cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  describe.each([
    ['file names', names],
    ['files', files],
    ['the backend', backendFailures],
    ['the store', storeFailures],
  ] as const)('%s', (_group, cases) => {
    it.each(cases.map((input, index) => [input.name, input, index] as const))('%s', async (_name, input, index) => {
      input.setup?.();
      const before = new Set(await r2.listKeys());
      const warnings: R2UploadWarning[] = [];
      const good = png(`good-${index}.png`, 100 + index);
      const batch = input.goodFirst ? [good, ...input.files()] : [...input.files(), good];
      const client = typeof input.client === 'function' ? input.client() : input.client;
      const uploader = createUploader({
        endpoint: `${backend.base}/api/${input.scenario}`,
        // Transient failures are retried as by default, without the waits: each case asserts what the user sees last.
        retry: { attempts: ATTEMPTS, baseDelay: 1, maxDelay: 5 },
        ...client,
        onWarning: (warning) => warnings.push(warning),
      } as UploaderOptions);

      const started = performance.now();
      const results = await uploader.upload(batch);
      // Nothing hangs: every failure is reported promptly.
      expect(performance.now() - started).toBeLessThan(5_000);

      const uploads = uploader.getSnapshot().uploads;
      const tested = uploads.find((upload) => upload.file !== good)!;
      const goodUpload = uploads.find((upload) => upload.file === good)!;
      // The rest of the batch succeeds.
      expect(goodUpload, 'the good file').toMatchObject({ status: 'done' });
      const goodKey = goodUpload.key!;
      expect((await r2.getObject(goodKey))?.bytes.byteLength).toBe(good.size);

      const added = (await r2.listKeys()).filter((key) => !before.has(key));
      const { expected } = input;
      if ('code' in expected) {
        expect(tested.status).toBe('error');
        expect(tested.error).toMatchObject({
          code: expected.code,
          ...(expected.reason ? { reason: expected.reason } : {}),
          ...(expected.s3Code ? { s3Code: expected.s3Code } : {}),
          ...(expected.status ? { status: expected.status } : {}),
        });
        if (expected.says) expect(`${tested.error?.message} ${tested.error?.hint ?? ''}`).toMatch(expected.says);
        // A file the client refused never reaches the backend.
        const askedFor = backend.requests.map((request) => (JSON.parse(request.body) as UploadUrlRequest).filename);
        expect(askedFor.includes(tested.name), 'reached the backend').toBe(expected.reachedBackend);
        // Nothing was written for it, unless the PUT itself worked.
        const storedKeys = expected.stored ? [tested.key!, goodKey] : [goodKey];
        expect(added.sort()).toEqual(storedKeys.sort());
        expect(results.map((result) => result.key)).toEqual([goodKey]);
      } else {
        expect(tested.status, tested.error?.message).toBe('done');
        expect(tested.key?.split('/').at(-1)).toBe(expected.name);
        expect(new TextEncoder().encode(tested.key).byteLength).toBeLessThanOrEqual(1024);
        const stored = await r2.getObject(tested.key!);
        expect(new Uint8Array(stored!.bytes)).toEqual(new Uint8Array(await tested.file.arrayBuffer()));
        if (expected.contentType) expect(stored?.contentType).toBe(expected.contentType);
        expect(warnings.map((warning) => warning.code)).toEqual(expected.warning ? [expected.warning] : []);
        expect(added.sort()).toEqual([tested.key!, goodKey].sort());
      }
    });
  });
});
