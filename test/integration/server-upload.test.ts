import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createR2UploadHandler, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { askForUpload, md5Hex, putTo, randomBody, s3Code, targetFrom } from '../support/upload-requests.ts';

let r2: LocalR2;

beforeAll(async () => {
  r2 = await startLocalR2();
});

afterAll(async () => {
  await r2?.dispose();
});

function handlerFor(options: Partial<R2UploadHandlerOptions> = {}) {
  const { endpoint, bucket, accessKeyId, secretAccessKey } = r2;
  return createR2UploadHandler({ endpoint, bucket, accessKeyId, secretAccessKey, ...options });
}

describe('a signed upload against Miniflare R2', () => {
  it('stores the same bytes and Content-Type, and answers the MD5 ETag', async () => {
    const bytes = randomBody(64 * 1024 + 3);
    const target = await targetFrom(await askForUpload(handlerFor(), { filename: 'photo.png', contentType: 'image/png', size: bytes.byteLength }));

    expect(target.method).toBe('PUT');
    expect(target.headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*', 'content-length': String(bytes.byteLength) });
    expect(target.key).toMatch(/^uploads\/[0-9a-f-]{36}\/photo\.png$/);
    const url = new URL(target.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');

    const put = await putTo(target, bytes);
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`);

    const stored = await r2.getObject(target.key);
    expect(stored).not.toBeNull();
    expect(stored!.contentType).toBe('image/png');
    expect(stored!.etag).toBe(`"${md5Hex(bytes)}"`);
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('accepts an empty file', async () => {
    const target = await targetFrom(await askForUpload(handlerFor(), { filename: 'empty.txt', contentType: 'text/plain', size: 0 }));
    expect((await putTo(target, new Uint8Array())).status).toBe(200);
    expect((await r2.getObject(target.key))?.bytes.byteLength).toBe(0);
  });

  it('is refused by the store with another Content-Type (403 SignatureDoesNotMatch), and nothing is stored', async () => {
    const bytes = randomBody(100);
    const target = await targetFrom(await askForUpload(handlerFor(), { filename: 'a.png', contentType: 'image/png', size: 100 }));
    const put = await putTo(target, bytes, 'text/html');
    expect(put.status).toBe(403);
    expect(s3Code(await put.text())).toBe('SignatureDoesNotMatch');
    expect(await r2.getObject(target.key)).toBeNull();
  });

  it('is refused by the store with a larger or smaller body (403 SignatureDoesNotMatch: the length is signed)', async () => {
    const target = await targetFrom(await askForUpload(handlerFor(), { filename: 'a.bin', contentType: 'application/octet-stream', size: 100 }));
    for (const size of [101, 99]) {
      const put = await putTo(target, randomBody(size));
      expect(put.status, `${size} bytes`).toBe(403);
      expect(s3Code(await put.text()), `${size} bytes`).toBe('SignatureDoesNotMatch');
    }
    expect(await r2.getObject(target.key)).toBeNull();
  });

  it('is refused by the store after it expires (403 ExpiredRequest)', async () => {
    const target = await targetFrom(await askForUpload(handlerFor({ expiresIn: 1 }), { filename: 'late.txt', contentType: 'text/plain', size: 4 }));
    expect(new URL(target.url).searchParams.get('X-Amz-Expires')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const put = await putTo(target, new TextEncoder().encode('late'));
    expect(put.status).toBe(403);
    expect(s3Code(await put.text())).toBe('ExpiredRequest');
    expect(await r2.getObject(target.key)).toBeNull();
  });

  it('uploads names with reserved, non-Latin and emoji characters under the key it returned', async () => {
    const names = [
      'résumé (final) #1 + 50%?.pdf',
      '日本語 ファイル.txt',
      "🐱 cat's photo!.png",
      'a*b~c;d=e&f@g$h,i[j]k{l}m^n`o|p.bin',
      '100% done + more.txt',
      'Ελληνικά και русский.doc',
      'مرحبا بالعالم.txt',
    ];
    const handler = handlerFor();
    for (const filename of names) {
      const bytes = new TextEncoder().encode(`contents of ${filename}`);
      const target = await targetFrom(await askForUpload(handler, { filename, contentType: 'application/octet-stream', size: bytes.byteLength }));
      expect(target.key.endsWith(`/${filename.normalize('NFC')}`), filename).toBe(true);
      const put = await putTo(target, bytes);
      expect(put.status, `${filename}: ${await put.clone().text()}`).toBe(200);
      const stored = await r2.getObject(target.key);
      expect(stored && Buffer.from(stored.bytes).equals(Buffer.from(bytes)), filename).toBe(true);
    }
  });

  it('uploads an NFD name under its NFC key', async () => {
    const nfd = 'cafe\u0301.txt';
    const bytes = new TextEncoder().encode('NFD');
    const target = await targetFrom(await askForUpload(handlerFor(), { filename: nfd, contentType: 'text/plain', size: bytes.byteLength }));
    expect(target.key.endsWith('/caf\u00e9.txt')).toBe(true);
    expect((await putTo(target, bytes)).status).toBe(200);
    expect(await r2.listKeys()).toContain(target.key);
  });

  it('uploads under a key of exactly 1,024 bytes from a very long multi-byte name', async () => {
    const filename = `${'長'.repeat(600)}.jpg`;
    const bytes = randomBody(10);
    const target = await targetFrom(await askForUpload(handlerFor(), { filename, contentType: 'image/jpeg', size: 10 }));
    const keyBytes = new TextEncoder().encode(target.key).byteLength;
    expect(keyBytes).toBeLessThanOrEqual(1024);
    expect(keyBytes).toBeGreaterThan(1020);
    expect(target.key.endsWith('長.jpg')).toBe(true);
    expect((await putTo(target, bytes)).status).toBe(200);
    expect(await r2.getObject(target.key)).not.toBeNull();
  });

  it('confines keys to the prefix authorize grants', async () => {
    const handler = handlerFor({ authorize: () => ({ prefix: 'users/42' }) });
    const bytes = randomBody(20);
    const target = await targetFrom(await askForUpload(handler, { filename: 'avatar.webp', contentType: 'image/webp', size: 20 }));
    expect(target.key).toMatch(/^users\/42\/[0-9a-f-]{36}\/avatar\.webp$/);
    expect((await putTo(target, bytes)).status).toBe(200);
    expect(await r2.getObject(target.key)).not.toBeNull();
  });

  it('uploads under the key a custom key function chose, encoded once', async () => {
    const handler = handlerFor({
      authorize: () => ({ prefix: 'tenants/acme corp' }),
      key: ({ prefix, filename, contentType, size }) => `${prefix}/${contentType.split('/')[0]}/${size} (${filename})`,
    });
    const bytes = randomBody(7);
    const target = await targetFrom(await askForUpload(handler, { filename: "it's+%20.txt", contentType: 'text/plain', size: 7 }));
    expect(target.key).toBe("tenants/acme corp/text/7 (it's+%20.txt)");
    expect(new URL(target.url).pathname).toBe(`/cdn-cgi/local/r2/s3/uploads/tenants/acme%20corp/text/7%20%28it%27s%2B%2520.txt%29`);
    expect((await putTo(target, bytes)).status).toBe(200);
    expect(await r2.listKeys()).toContain(target.key);
  });

  it('signs for an endpoint given with a trailing slash', async () => {
    const handler = handlerFor({ endpoint: `${r2.endpoint}/` });
    const bytes = randomBody(5);
    const target = await targetFrom(await askForUpload(handler, { filename: 'slash.bin', contentType: 'application/octet-stream', size: 5 }));
    expect(target.url.startsWith(`${r2.endpoint}/uploads/uploads/`)).toBe(true);
    expect((await putTo(target, bytes)).status).toBe(200);
  });
});
