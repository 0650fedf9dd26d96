import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createR2UploadHandler } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { startS3Proxy, type S3Proxy } from '../support/s3-proxy.ts';
import { askForUpload, putTo, s3Code, targetFrom } from '../support/upload-requests.ts';

let r2: LocalR2;
let proxy: S3Proxy;
let sign: (filename: string, size: number) => ReturnType<typeof targetFrom>;

beforeAll(async () => {
  r2 = await startLocalR2();
  proxy = await startS3Proxy(r2.endpoint);
  const handler = createR2UploadHandler({ ...r2, endpoint: proxy.endpoint });
  sign = async (filename, size) => targetFrom(await askForUpload(handler, { filename, contentType: 'text/plain', size }));
});
afterAll(async () => {
  await proxy?.close();
  await r2?.dispose();
});
beforeEach(() => {
  proxy.reset();
  proxy.setCors(null);
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the S3 test proxy', () => {
  it('passes signed uploads through to the store', async () => {
    const target = await sign('through.txt', 5);
    expect(target.url.startsWith(proxy.origin)).toBe(true);
    const response = await putTo(target, bytes('hello'));
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode((await r2.getObject(target.key))!.bytes)).toBe('hello');
    expect(proxy.requests).toMatchObject([{ method: 'PUT', status: 200, bytesIn: 5 }]);
  });

  it('answers an injected status once, with an S3 error body', async () => {
    proxy.inject({ action: { type: 'status', status: 503, s3Code: 'SlowDown', headers: { 'retry-after': '1' } } });
    const target = await sign('slow.txt', 2);
    const refused = await putTo(target, bytes('hi'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(s3Code(await refused.text())).toBe('SlowDown');
    expect(await r2.getObject(target.key)).toBeNull();
    expect((await putTo(target, bytes('hi'))).status).toBe(200);
  });

  it('drops a connection mid-body and stores nothing', async () => {
    proxy.inject({ action: { type: 'drop', afterBytes: 64 * 1024 } });
    const target = await sign('dropped.txt', 1024 * 1024);
    await expect(putTo(target, new Uint8Array(1024 * 1024))).rejects.toThrow();
    expect(await r2.getObject(target.key)).toBeNull();
    expect(proxy.requests[0]).toMatchObject({ status: 0, fault: 'drop' });
  });

  it('delays an answer', async () => {
    proxy.inject({ action: { type: 'delay', ms: 300 } });
    const target = await sign('late.txt', 1);
    const before = performance.now();
    expect((await putTo(target, bytes('x'))).status).toBe(200);
    expect(performance.now() - before).toBeGreaterThanOrEqual(290);
  });

  it('applies CORS rules: preflight, allowed origin, exposed headers', async () => {
    proxy.setCors([{ AllowedOrigins: ['http://app.test'], AllowedMethods: ['PUT'], AllowedHeaders: ['content-type', 'if-none-match'] }]);
    const target = await sign('cors.txt', 1);
    const preflight = (origin: string) =>
      fetch(target.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    expect((await preflight('http://app.test')).status).toBe(204);
    expect((await preflight('http://evil.test')).status).toBe(403);
    const put = await fetch(target.url, { method: 'PUT', headers: { 'content-type': 'text/plain', 'if-none-match': '*', origin: 'http://app.test' }, body: 'x' });
    expect(put.status, await put.clone().text()).toBe(200);
    expect(put.headers.get('etag')).toBeTruthy();
    expect(put.headers.get('access-control-allow-origin')).toBe('http://app.test');
    // The rule has no ExposeHeaders, so a browser could not read the ETag.
    expect(put.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('counts requests in flight', async () => {
    proxy.inject({ times: 3, action: { type: 'delay', ms: 200 } });
    const targets = await Promise.all(['a', 'b', 'c'].map((name) => sign(`${name}.txt`, 1)));
    await Promise.all(targets.map((target) => putTo(target, bytes('x'))));
    expect(proxy.peakInFlight).toBe(3);
    const [first, second] = proxy.requests;
    expect(second!.start).toBeLessThan(first!.end!);
  });
});
