import { afterEach, describe, expect, it, vi } from 'vitest';
import type { R2UploadHandlerOptions } from '../../src/server/index.ts';
import { offlineHandler } from '../support/offline-handler.ts';
import { askForUpload, refusalFrom, targetFrom } from '../support/upload-requests.ts';

/* No store is contacted here: every one of these answers comes before signing, or is only a signature. */

const handlerFor = offlineHandler;
const valid = { filename: 'a.png', contentType: 'image/png', size: 10 };

afterEach(() => {
  vi.restoreAllMocks();
});

async function expectRefusal(response: Response, status: number, code: string) {
  const refusal = await refusalFrom(response);
  expect(refusal.status).toBe(status);
  expect(refusal.contentType).toBe('application/json');
  expect(refusal.body.error.code).toBe(code);
  expect(typeof refusal.body.error.message).toBe('string');
  expect(refusal.body.error.message).not.toMatch(/\n\s+at /);
  expect(refusal.body).not.toHaveProperty('url');
  return refusal;
}

describe('malformed requests get 400 JSON', () => {
  const handler = handlerFor();
  const cases: Array<[string, unknown, boolean, string]> = [
    ['not JSON', 'filename=a.png', true, 'invalid_json'],
    ['empty body', '', true, 'invalid_json'],
    ['truncated JSON', '{"filename":', true, 'invalid_json'],
    ['an array', [valid], false, 'invalid_request'],
    ['null', null, false, 'invalid_request'],
    ['a string', 'a.png', false, 'invalid_request'],
    ['no filename', { contentType: 'image/png', size: 1 }, false, 'invalid_request'],
    ['empty filename', { ...valid, filename: '  ' }, false, 'invalid_request'],
    ['numeric filename', { ...valid, filename: 42 }, false, 'invalid_request'],
    ['no contentType', { filename: 'a', size: 1 }, false, 'invalid_request'],
    ['contentType without subtype', { ...valid, contentType: 'image' }, false, 'invalid_request'],
    ['contentType with a newline', { ...valid, contentType: 'image/png\r\nx-evil: 1' }, false, 'invalid_request'],
    ['contentType with spaces inside', { ...valid, contentType: 'image / png' }, false, 'invalid_request'],
    ['no size', { filename: 'a', contentType: 'image/png' }, false, 'invalid_request'],
    ['negative size', { ...valid, size: -1 }, false, 'invalid_request'],
    ['fractional size', { ...valid, size: 1.5 }, false, 'invalid_request'],
    ['string size', { ...valid, size: '10' }, false, 'invalid_request'],
    ['unsafe integer size', { ...valid, size: 2 ** 53 }, false, 'invalid_request'],
  ];
  it.each(cases)('%s', async (_name, body, raw, code) => {
    await expectRefusal(await askForUpload(handler, body, { raw }), 400, code);
  });

  it('a body over 16 KiB, without reading it all', async () => {
    await expectRefusal(await askForUpload(handler, { ...valid, padding: 'x'.repeat(20_000) }), 400, 'request_too_large');
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const request = new Request('http://app.test/api/upload', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    await expectRefusal(await handler(request), 400, 'request_too_large');
    expect(pulled).toBeLessThan(10);
  });

  it('a declared Content-Length over 16 KiB', async () => {
    const request = new Request('http://app.test/api/upload', {
      method: 'POST',
      headers: { 'content-length': '999999' },
      body: JSON.stringify(valid),
    });
    await expectRefusal(await handler(request), 400, 'request_too_large');
  });

  it('ignores unexpected fields', async () => {
    const target = await targetFrom(await askForUpload(handler, { ...valid, key: '../../etc/passwd', bucket: 'other', extra: [1] }));
    expect(target.key).toMatch(/^uploads\/[0-9a-f-]{36}\/a\.png$/);
  });
});

describe('other methods get 405 JSON', () => {
  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s', async (method) => {
    const response = await handlerFor()(new Request('http://app.test/api/upload', { method }));
    expect(response.headers.get('allow')).toBe('POST');
    await expectRefusal(response, 405, 'method_not_allowed');
  });
});

describe('the upload policy refuses before signing', () => {
  const handler = handlerFor({ allowedContentTypes: ['image/*', 'application/pdf'], maxFileSize: 1_000_000 });

  it('415 for a type outside allowedContentTypes', async () => {
    const refusal = await expectRefusal(await askForUpload(handler, { ...valid, contentType: 'text/html' }), 415, 'content_type_not_allowed');
    expect(refusal.body.error.message).toContain('text/html');
  });

  it('413 for a file over maxFileSize, naming the limit', async () => {
    const refusal = await expectRefusal(await askForUpload(handler, { ...valid, size: 1_000_001 }), 413, 'file_too_large');
    expect(refusal.body.error.message).toBe('Files may be at most 1000000 bytes, and this one is 1000001 bytes.');
  });

  it('allows wildcard and exact matches case-insensitively, and exactly maxFileSize', async () => {
    for (const [filename, contentType] of [['a.png', 'image/png'], ['a.svg', 'IMAGE/SVG+XML'], ['a.pdf', 'application/pdf'], ['a.jpg', 'image/jpeg; charset=binary']]) {
      const target = await targetFrom(await askForUpload(handler, { filename, contentType, size: 1_000_000 }));
      expect(target.headers['content-type']).toBe(contentType);
    }
  });

  it('413 above what one PUT can carry on R2, even without maxFileSize', async () => {
    await expectRefusal(await askForUpload(handlerFor(), { ...valid, size: 5 * 1024 ** 3 }), 413, 'file_too_large');
  });
});

describe('authorize', () => {
  it('false → 401', async () => {
    await expectRefusal(await askForUpload(handlerFor({ authorize: () => false }), valid), 401, 'unauthorized');
  });

  it('null (from `user && { prefix }`) → 401', async () => {
    const authorize = (() => null) as unknown as R2UploadHandlerOptions['authorize'];
    await expectRefusal(await askForUpload(handlerFor({ authorize }), valid), 401, 'unauthorized');
  });

  it('a refusal picks 403 and its own code and message', async () => {
    const handler = handlerFor({ authorize: async () => ({ status: 403, code: 'quota_exceeded', message: 'You have used your 1 GB.' }) });
    const refusal = await expectRefusal(await askForUpload(handler, valid), 403, 'quota_exceeded');
    expect(refusal.body.error.message).toBe('You have used your 1 GB.');
  });

  it('runs before the body is validated', async () => {
    await expectRefusal(await askForUpload(handlerFor({ authorize: () => false }), 'garbage', { raw: true }), 401, 'unauthorized');
  });

  it('sees the request headers', async () => {
    const handler = handlerFor({ authorize: (request) => request.headers.get('authorization') === 'Bearer ok' });
    await expectRefusal(await askForUpload(handler, valid), 401, 'unauthorized');
    await targetFrom(await askForUpload(handler, valid, { headers: { authorization: 'Bearer ok' } }));
  });

  it('true or nothing → allowed under the default prefix', async () => {
    for (const authorize of [() => true, () => undefined, async () => {}]) {
      expect((await targetFrom(await askForUpload(handlerFor({ authorize }), valid))).key).toMatch(/^uploads\//);
    }
  });

  it('a prefix with surrounding slashes is normalized', async () => {
    const target = await targetFrom(await askForUpload(handlerFor({ authorize: () => ({ prefix: '/users/7/' }) }), valid));
    expect(target.key).toMatch(/^users\/7\/[0-9a-f-]{36}\/a\.png$/);
  });

  it('an unusable prefix is a 500, not a key outside it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expectRefusal(await askForUpload(handlerFor({ authorize: () => ({ prefix: 'users/../admin' }) }), valid), 500, 'server_misconfigured');
  });

  it('a throwing authorize is a 500 without details', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = handlerFor({
      authorize: () => {
        throw new Error('database password is hunter2');
      },
    });
    const refusal = await expectRefusal(await askForUpload(handler, valid), 500, 'internal_error');
    expect(JSON.stringify(refusal.body)).not.toContain('hunter2');
    expect(log).toHaveBeenCalled();
  });
});

describe('keys', () => {
  it('the default key sanitizes the name', async () => {
    const target = await targetFrom(await askForUpload(handlerFor(), { ...valid, filename: '../../etc/\u202Egnp.exe' }));
    expect(target.key).toMatch(/^uploads\/[0-9a-f-]{36}\/gnp\.exe$/);
  });

  it('two uploads of the same name get different keys', async () => {
    const handler = handlerFor();
    const [a, b] = await Promise.all([targetFrom(await askForUpload(handler, valid)), targetFrom(await askForUpload(handler, valid))]);
    expect(a.key).not.toBe(b.key);
  });

  it('the prefix option, or none', async () => {
    expect((await targetFrom(await askForUpload(handlerFor({ prefix: 'media/raw' }), valid))).key).toMatch(/^media\/raw\/[0-9a-f-]{36}\/a\.png$/);
    expect((await targetFrom(await askForUpload(handlerFor({ prefix: '' }), valid))).key).toMatch(/^[0-9a-f-]{36}\/a\.png$/);
  });

  it('the key function gets the request fields and the effective prefix', async () => {
    const key = vi.fn(() => 'fixed/key.png');
    const request = { filename: 'x y.png', contentType: 'image/png', size: 3 };
    await targetFrom(await askForUpload(handlerFor({ key, authorize: () => ({ prefix: 'fixed' }) }), request));
    expect(key).toHaveBeenCalledWith(expect.objectContaining({ ...request, prefix: 'fixed', request: expect.any(Request) }));
    await targetFrom(await askForUpload(handlerFor({ key }), request));
    expect(key).toHaveBeenLastCalledWith(expect.objectContaining({ prefix: 'uploads' }));
  });

  it.each([
    ['a leading slash', '/etc/passwd'],
    ['a .. segment', 'users/42/../43/a.png'],
    ['a . segment', 'users/./a.png'],
    ['an empty segment', 'users//a.png'],
    ['a trailing slash', 'users/42/'],
    ['an empty key', ''],
    ['a control character', 'users/a\u0000.png'],
    ['over 1,024 bytes', `users/${'é'.repeat(600)}`],
  ])('a key function result with %s is refused (500)', async (_name, badKey) => {
    await expectRefusal(await askForUpload(handlerFor({ key: () => badKey }), valid), 500, 'invalid_key');
  });

  it('a key function result outside the authorized prefix is refused (500)', async () => {
    const handler = handlerFor({ authorize: () => ({ prefix: 'users/42' }), key: () => 'users/420/a.png' });
    await expectRefusal(await askForUpload(handler, valid), 500, 'invalid_key');
  });

  it('a key of exactly 1,024 bytes is accepted', async () => {
    const key = `k/${'a'.repeat(1022)}`;
    expect((await targetFrom(await askForUpload(handlerFor({ key: () => key }), valid))).key).toBe(key);
  });
});

describe('signing', () => {
  it('clamps expiresIn to 1 s … 7 days', async () => {
    const expires = async (expiresIn: number) =>
      new URL((await targetFrom(await askForUpload(handlerFor({ expiresIn }), valid))).url).searchParams.get('X-Amz-Expires');
    expect(await expires(0)).toBe('1');
    expect(await expires(-5)).toBe('1');
    expect(await expires(30.9)).toBe('30');
    expect(await expires(10 ** 9)).toBe('604800');
    expect(await expires(Number.NaN)).toBe('600');
  });

  it('builds a path-style URL with region auto, content-length and content-type signed', async () => {
    const target = await targetFrom(await askForUpload(handlerFor({ key: () => 'a b/(c)+d.png' }), valid));
    const url = new URL(target.url);
    expect(url.origin).toBe('https://0123456789abcdef.r2.cloudflarestorage.com');
    expect(url.pathname).toBe('/uploads/a%20b/%28c%29%2Bd.png');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/auto\/s3\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(target.headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*', 'content-length': '10' });
  });

  it('answers 200 JSON that is not cacheable', async () => {
    const response = await askForUpload(handlerFor(), valid);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('misconfiguration', () => {
  it.each([
    ['no endpoint', { endpoint: '' }],
    ['an endpoint that is not a URL', { endpoint: 'r2.example' }],
    ['an endpoint with a query', { endpoint: 'https://r2.example/?x=1' }],
    ['a bucket with a slash', { bucket: 'uploads/sub' }],
    ['no secret', { secretAccessKey: undefined as unknown as string }],
    ['a bad content type pattern', { allowedContentTypes: ['image'] }],
    ['a negative maxFileSize', { maxFileSize: -1 }],
    ['a prefix with ..', { prefix: '../x' }],
  ])('%s: creating does not throw; requests get a 500 and the log says why', async (_name, options) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = handlerFor(options);
    await expectRefusal(await askForUpload(handler, valid), 500, 'server_misconfigured');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('misconfigured'));
  });
});
