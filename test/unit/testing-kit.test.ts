import { createHash, randomBytes } from 'node:crypto';
import { setupServer } from 'msw/node';
import { createFakeBucket, createPresignHandlers, md5Hex, s3ErrorXml } from '../../src/testing/index.ts';

const endpoint = 'https://app.test/api/uploads';
const bucket = createFakeBucket();
const server = setupServer(...createPresignHandlers({ endpoint, bucket }), ...bucket.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => bucket.reset());
afterAll(() => server.close());

async function sign(filename: string, contentType: string, size: number) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ filename, contentType, size }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('md5Hex', () => {
  it('matches the RFC 1321 test vectors', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });

  it('matches node:crypto on every padding boundary', () => {
    for (let size = 0; size <= 130; size++) {
      const bytes = randomBytes(size);
      expect(md5Hex(bytes), `size ${size}`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});

describe('createPresignHandlers', () => {
  it('answers with a target on the bucket that signs content-type and content-length', async () => {
    const { status, body } = await sign('my cat (1).png', 'image/png', 3);
    expect(status).toBe(200);
    expect(body).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/png', 'content-length': '3' } });
    expect(body.key).toMatch(/^uploads\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\/my cat \(1\)\.png$/);
    expect(String(body.url)).toMatch(/^https:\/\/bucket\.test\/uploads\/[0-9a-f-]{36}\/my%20cat%20%281%29\.png\?/);
  });

  it('answers a malformed request with a 400 protocol error', async () => {
    const { status, body } = await sign('', 'image/png', 3);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });

  it('answers with the rejection the test chooses', async () => {
    server.use(
      ...createPresignHandlers({
        endpoint,
        reject: ({ size }) => (size > 10 ? { status: 413, code: 'too_large', message: 'Files must be 10 bytes or less.' } : undefined),
      }),
    );
    expect(await sign('big.bin', 'application/octet-stream', 11)).toEqual({
      status: 413,
      body: { error: { code: 'too_large', message: 'Files must be 10 bytes or less.' } },
    });
    expect((await sign('small.bin', 'application/octet-stream', 10)).status).toBe(200);
  });
});

describe('createFakeBucket', () => {
  const put = (url: string, body: BodyInit, contentType: string) =>
    fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType, origin: 'https://app.test' } });

  it('stores the body and answers with its MD5 as a quoted ETag', async () => {
    const target = bucket.presign('a/b c.txt', 'text/plain');
    const response = await put(target.url, 'hello', 'text/plain');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.test');
    const stored = bucket.get('a/b c.txt');
    expect(new TextDecoder().decode(stored?.bytes)).toBe('hello');
    expect(stored).toMatchObject({ contentType: 'text/plain', etag: '"5d41402abc4b2a76b9719d911017c592"' });
    expect(bucket.keys()).toEqual(['a/b c.txt']);
  });

  it('rejects a Content-Type other than the signed one like a store checking the signature', async () => {
    const target = bucket.presign('x.png', 'image/png');
    const response = await put(target.url, 'x', 'text/plain');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(bucket.get('x.png')).toBeUndefined();
  });

  it('fails the next PUT only, with S3 XML', async () => {
    bucket.failNext({ status: 503, s3Code: 'SlowDown' });
    const target = bucket.presign('x.txt', 'text/plain');
    const failed = await put(target.url, 'x', 'text/plain');
    expect(failed.status).toBe(503);
    expect(await failed.text()).toBe(s3ErrorXml('SlowDown'));
    expect((await put(target.url, 'x', 'text/plain')).status).toBe(200);
  });

  it('asks to wait before a retry when told to, exposing Retry-After to the page', async () => {
    bucket.failNext({ status: 503, s3Code: 'SlowDown', retryAfter: 2 });
    const target = bucket.presign('x.txt', 'text/plain');
    const failed = await put(target.url, 'x', 'text/plain');
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(failed.headers.get('access-control-expose-headers')).toBe('ETag, Retry-After');
    const next = await put(target.url, 'x', 'text/plain');
    expect(next.headers.get('retry-after')).toBeNull();
  });

  it('can hide the ETag from CORS and delay answers', async () => {
    bucket.hideEtag();
    bucket.delay(60);
    const target = bucket.presign('x.txt', 'text/plain');
    const started = performance.now();
    const response = await put(target.url, 'x', 'text/plain');
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
    expect(bucket.keys()).toEqual(['x.txt']);
  });

  it('answers the CORS preflight', async () => {
    const response = await fetch(`${bucket.url}/x.txt`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.test', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.test');
  });
});
