import { fileURLToPath } from 'node:url';
import { bundleForWorkers } from '../support/workers-bundle.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadTarget, ObjectListPage } from '../../src/core/protocol/list-protocol.ts';
import type { MultipartUpload, SignPartsAnswer } from '../../src/core/protocol/multipart-protocol.ts';
import type { UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { LOCAL_R2_CREDENTIALS, startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { md5Hex, putTo, randomBody } from '../support/upload-requests.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A Worker that serves the handler at /api/upload, signing for the S3
 * endpoint of the same Miniflare instance (same origin as the Worker).
 */
const worker = `
import { createR2UploadHandler } from './src/server/index.ts';
export default {
  fetch(request, env) {
    const handler = createR2UploadHandler({
      endpoint: new URL('/cdn-cgi/local/r2/s3', request.url).href,
      bucket: 'uploads',
      accessKeyId: env.R2_ACCESS_KEY_ID,
      secretAccessKey: env.R2_SECRET_ACCESS_KEY,
      allowedContentTypes: ['text/*', 'image/*'],
      list: true,
      download: true,
      delete: true,
    });
    return new URL(request.url).pathname.startsWith('/api/upload') ? handler(request) : new Response('Not found', { status: 404 });
  },
};`;

/** Miniflare's default date gives workerd's legacy URL; the other has the WHATWG one. */
const compatibilityDates = { legacy: undefined, current: '2025-06-01' } as const;
const instances = new Map<keyof typeof compatibilityDates, LocalR2>();

beforeAll(async () => {
  const script = await bundleForWorkers({ stdin: { contents: worker, resolveDir: root, loader: 'js', sourcefile: 'worker.js' } });
  const bindings = { R2_ACCESS_KEY_ID: LOCAL_R2_CREDENTIALS.accessKeyId, R2_SECRET_ACCESS_KEY: LOCAL_R2_CREDENTIALS.secretAccessKey };
  await Promise.all(
    Object.entries(compatibilityDates).map(async ([name, compatibilityDate]) => {
      instances.set(name as keyof typeof compatibilityDates, await startLocalR2({ script, bindings, ...(compatibilityDate ? { compatibilityDate } : {}) }));
    }),
  );
});

afterAll(async () => {
  await Promise.all([...instances.values()].map((instance) => instance.dispose()));
});

describe.each(Object.keys(compatibilityDates) as Array<keyof typeof compatibilityDates>)('the handler inside workerd, %s URL', (name) => {
  let r2: LocalR2;
  beforeAll(() => {
    r2 = instances.get(name)!;
  });

  it('signs an upload that R2 accepts, with an awkward name', async () => {
    const bytes = randomBody(4321);
    const response = await fetch(new URL('api/upload', r2.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: "🐱 cat's photo! (1).png", contentType: 'image/png', size: bytes.byteLength }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const target = JSON.parse(text) as UploadTarget;
    const put = await putTo(target, bytes);
    expect(put.status, `${target.url}\n${await put.clone().text()}`).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`);
    const stored = await r2.getObject(target.key);
    expect(stored?.contentType).toBe('image/png');
    expect(stored && Buffer.from(stored.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('runs a multipart upload there too (token, server-side S3 calls, part URLs), with an awkward name', async () => {
    const post = async <T,>(action: string, body: unknown): Promise<T> => {
      const response = await fetch(new URL(`api/upload?action=${action}`, r2.url), { method: 'POST', body: JSON.stringify(body) });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      return JSON.parse(text) as T;
    };
    const MiB = 1024 * 1024;
    const bytes = randomBody(5 * MiB + 17);
    const upload = await post<MultipartUpload>('multipart-create', { filename: "🐱 cat's video! (1).png", contentType: 'image/png', size: bytes.length, partSize: 5 * MiB });
    const { parts } = await post<SignPartsAnswer>('multipart-sign-parts', { ...upload, partNumbers: [1, 2] });
    const etags: string[] = [];
    for (const part of parts) {
      const put = await fetch(part.url, { method: 'PUT', body: bytes.slice((part.partNumber - 1) * 5 * MiB, part.partNumber * 5 * MiB) });
      expect(put.status, await put.clone().text()).toBe(200);
      etags.push(put.headers.get('etag')!);
    }
    const completed = await post<{ etag: string }>('multipart-complete', { ...upload, parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) });
    expect(completed.etag).toMatch(/-2"$/);
    const stored = await r2.getObject(upload.key);
    expect(stored && md5Hex(stored.bytes)).toBe(md5Hex(bytes));
  });

  it('refuses in JSON there too', async () => {
    const post = (body: unknown) => fetch(new URL('api/upload', r2.url), { method: 'POST', body: JSON.stringify(body) });
    const disallowed = await post({ filename: 'a.pdf', contentType: 'application/pdf', size: 1 });
    expect(disallowed.status).toBe(415);
    expect(disallowed.headers.get('content-type')).toBe('application/json');
    expect(await disallowed.json()).toMatchObject({ error: { code: 'content_type_not_allowed' } });
    expect((await post([1])).status).toBe(400);
    expect((await fetch(new URL('api/upload', r2.url), { method: 'PATCH' })).status).toBe(405);
  });

  it('lists, downloads and deletes there too, under a prefix with awkward characters', async () => {
    const bytes = randomBody(321);
    const signed = await fetch(new URL('api/upload', r2.url), {
      method: 'POST',
      body: JSON.stringify({ filename: "it's (1)!*.png", contentType: 'image/png', size: bytes.byteLength }),
    });
    const target = (await signed.json()) as UploadTarget;
    expect((await putTo(target, bytes)).status).toBe(200);

    const prefix = target.key.slice(0, target.key.lastIndexOf('/') + 1) + "it's (";
    const listed = await fetch(new URL(`api/upload?${new URLSearchParams({ prefix, delimiter: '/' })}`, r2.url));
    const page = (await listed.json()) as ObjectListPage;
    expect(listed.status, JSON.stringify(page)).toBe(200);
    expect(page.objects.map((object) => object.key)).toEqual([target.key]);

    const download = await fetch(new URL(`api/upload/download?key=${encodeURIComponent(target.key)}`, r2.url), { headers: { accept: 'application/json' } });
    const { url } = (await download.json()) as DownloadTarget;
    const fetched = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(md5Hex(fetched)).toBe(md5Hex(bytes));

    const deleted = await fetch(new URL(`api/upload?key=${encodeURIComponent(target.key)}`, r2.url), { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await r2.getObject(target.key)).toBeNull();
  });
});
