import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadTarget, ObjectListPage } from '../../src/core/protocol/list-protocol.ts';
import { createR2UploadHandler, type R2UploadHandlerOptions, type UploadHandler } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { startS3Proxy, type S3Proxy } from '../support/s3-proxy.ts';
import { askForUpload, md5Hex, putTo, randomBody, targetFrom } from '../support/upload-requests.ts';

let r2: LocalR2;
let proxy: S3Proxy;

beforeAll(async () => {
  r2 = await startLocalR2();
  // Between the handler and the store, to read what the handler asked for and to inject store failures.
  proxy = await startS3Proxy(r2.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await r2?.dispose();
});
beforeEach(() => proxy.reset());
afterEach(() => vi.restoreAllMocks());

const APP = 'http://app.test/api/upload';

function handlerFor(options: Partial<R2UploadHandlerOptions> = {}): UploadHandler {
  const { bucket, accessKeyId, secretAccessKey } = r2;
  return createR2UploadHandler({ endpoint: proxy.endpoint, bucket, accessKeyId, secretAccessKey, list: true, download: true, delete: true, ...options });
}

/** A handler whose every request is confined to `prefix`, as `authorize` would for one user. */
const scopedTo = (prefix: string, options: Partial<R2UploadHandlerOptions> = {}) => handlerFor({ authorize: () => ({ prefix }), ...options });

/** A fresh scope per test, so tests never see each other's objects. */
const freshScope = (name: string) => `t/${name}-${crypto.randomUUID().slice(0, 8)}`;

/** Uploads through the handler and the store, as the browser does; returns the key and the store's ETag. */
async function upload(handler: UploadHandler, filename: string, body: Uint8Array = randomBody(16)) {
  const target = await targetFrom(await askForUpload(handler, { filename, contentType: 'application/octet-stream', size: body.byteLength }));
  const put = await putTo(target, body);
  expect(put.status, `${filename}: ${await put.clone().text()}`).toBe(200);
  return { key: target.key, etag: put.headers.get('etag') ?? '', size: body.byteLength, body };
}

/** A handler that stores each upload under exactly `key` (inside `scope`). */
const exactKeys = (scope: string) => scopedTo(scope, { key: ({ filename }) => `${scope}/${filename}` });

const get = (handler: UploadHandler, query: string, headers: Record<string, string> = {}) =>
  handler(new Request(`${APP}${query}`, { headers: { accept: 'application/json', ...headers } }));

async function listPage(handler: UploadHandler, params: Record<string, string> = {}): Promise<ObjectListPage> {
  const response = await get(handler, `?${new URLSearchParams(params)}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as ObjectListPage;
}

async function refusal(response: Response): Promise<{ status: number; code: string }> {
  const body = (await response.json()) as { error: { code: string } };
  return { status: response.status, code: body.error.code };
}

describe('GET <endpoint> lists the caller’s objects', () => {
  it('shows several uploads with the key, size and ETag their uploads returned', async () => {
    const scope = freshScope('several');
    const handler = scopedTo(scope);
    const uploaded = [await upload(handler, 'a.bin', randomBody(10)), await upload(handler, 'b.bin', randomBody(2000)), await upload(handler, 'c.bin', randomBody(0))];
    const before = Date.now();

    const page = await listPage(handler);
    expect(page.prefix).toBe(`${scope}/`);
    expect(page.prefixes).toEqual([]);
    expect(page.cursor).toBeUndefined();
    expect(page.capabilities).toEqual({ download: true, delete: true });
    const expected = uploaded.map(({ key, etag, size }) => ({ key, etag, size, lastModified: expect.any(String) })).sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(page.objects).toEqual(expected);
    for (const object of page.objects) {
      expect(new Date(object.lastModified).toISOString()).toBe(object.lastModified);
      expect(Math.abs(Date.parse(object.lastModified) - before)).toBeLessThan(60_000);
      expect(object.etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
  });

  it('pages by cursor when there are more objects than the limit', async () => {
    const scope = freshScope('pages');
    const handler = exactKeys(scope);
    const keys: string[] = [];
    for (let i = 0; i < 7; i++) keys.push((await upload(handler, `file-${i}.bin`)).key);

    const seen: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listPage(handler, { limit: '3', ...(cursor ? { cursor } : {}) });
      seen.push(page.objects.map((object) => object.key));
      cursor = page.cursor;
    } while (cursor !== undefined && seen.length < 10);
    expect(seen.map((keysOfPage) => keysOfPage.length)).toEqual([3, 3, 1]);
    expect(seen.flat()).toEqual([...keys].sort());
  });

  it('caps the limit at 1,000 and refuses limits that are not whole numbers from 1', async () => {
    const handler = scopedTo(freshScope('limit'));
    await listPage(handler, { limit: '5000' });
    expect(proxy.requests.at(-1)?.url.searchParams.get('max-keys')).toBe('1000');
    await listPage(handler);
    expect(proxy.requests.at(-1)?.url.searchParams.get('max-keys')).toBe('1000');
    proxy.reset();
    for (const limit of ['0', '-1', '2.5', 'ten', '1e3']) {
      expect(await refusal(await get(handler, `?limit=${limit}`)), limit).toEqual({ status: 400, code: 'invalid_request' });
    }
    expect(proxy.requests).toEqual([]);
  });

  it('returns "folders" as prefixes with delimiter=/, and lists inside one', async () => {
    const scope = freshScope('folders');
    const handler = exactKeys(scope);
    await upload(handler, 'readme.txt');
    const photos = [await upload(handler, 'photos/1.png'), await upload(handler, 'photos/2.png')];
    await upload(handler, 'docs/2024/report.pdf');

    const top = await listPage(handler, { delimiter: '/' });
    expect(top.objects.map((object) => object.key)).toEqual([`${scope}/readme.txt`]);
    expect(top.prefixes).toEqual([`${scope}/docs/`, `${scope}/photos/`]);

    const inside = await listPage(handler, { delimiter: '/', prefix: `${scope}/photos/` });
    expect(inside.prefix).toBe(`${scope}/photos/`);
    expect(inside.objects.map((object) => object.key)).toEqual(photos.map((photo) => photo.key));
    expect(inside.prefixes).toEqual([]);

    const flat = await listPage(handler);
    expect(flat.objects).toHaveLength(4);
    expect(flat.prefixes).toEqual([]);
    expect(await refusal(await get(handler, '?delimiter=%7C'))).toEqual({ status: 400, code: 'invalid_request' });
  });

  it('gives keys with unicode and special characters back exactly, and lists under such a prefix', async () => {
    const scope = freshScope('names');
    const handler = exactKeys(scope);
    const names = [
      'résumé (final) #1 + 50%?.pdf',
      '日本語/ファイル.txt',
      "🐱 cat's photo!.png",
      'a&b<c>d"e\'f.txt',
      '  leading and trailing spaces  ',
      '0123',
      '1e5',
      '&amp; not an entity',
      ']]> and <![CDATA[',
      // Not U+2028/U+2029: Miniflare's S3 router answers 404 for them (its path pattern's `.` stops there).
      'no-break\u00a0space and zero\u200bwidth',
      'cafe\u0301 (NFD).txt',
      'a*b~c;d=e&f@g$h,i[j]k{l}m^n`o|p.bin',
    ];
    const uploaded = new Map<string, string>();
    for (const name of names) {
      const { key, etag } = await upload(handler, name);
      expect(key).toBe(`${scope}/${name}`);
      uploaded.set(key, etag);
    }
    const page = await listPage(handler, { limit: '1000' });
    expect(new Map(page.objects.map((object) => [object.key, object.etag]))).toEqual(uploaded);

    const folder = await listPage(handler, { prefix: `${scope}/日本語/`, delimiter: '/' });
    expect(folder.objects.map((object) => object.key)).toEqual([`${scope}/日本語/ファイル.txt`]);
    const awkward = await listPage(handler, { prefix: `${scope}/🐱 cat's` });
    expect(awkward.objects.map((object) => object.key)).toEqual([`${scope}/🐱 cat's photo!.png`]);
  });
});

describe('listing is scoped', () => {
  const user = freshScope('user');
  const neighbour = `${user}0`;

  beforeAll(async () => {
    await upload(exactKeys(user), 'mine.txt');
    await upload(exactKeys(`${user}/deeper`), 'nested.txt');
    await upload(exactKeys(neighbour), 'theirs.txt');
  });

  it('lists the scope by default, and the scope given without its slash, never a neighbour sharing its start', async () => {
    const handler = scopedTo(user);
    for (const params of [{}, { prefix: user }, { prefix: `${user}/` }] as Array<Record<string, string>>) {
      const page = await listPage(handler, params);
      expect(page.prefix).toBe(`${user}/`);
      expect(page.objects.map((object) => object.key)).toEqual([`${user}/deeper/nested.txt`, `${user}/mine.txt`]);
    }
  });

  it.each([
    ['a parent', '../', 400],
    ['a parent inside the scope', `${user}/../${neighbour}/`, 400],
    ['a dot segment', `${user}/./`, 400],
    ['an absolute prefix', `/${neighbour}/`, 400],
    ['an absolute prefix of the scope', `/${user}/`, 400],
    ['an empty segment', `${user}//`, 400],
    ['a control character', `${user}/\u0000`, 400],
    ['a neighbour', `${neighbour}/`, 403],
    ['a shorter prefix', user.slice(0, -1), 403],
    ['the parent folder', 't/', 403],
    ['a backslash path', `${user}\\..\\${neighbour}`, 403],
  ])('refuses %s', async (_name, prefix, status) => {
    const response = await get(scopedTo(user), `?${new URLSearchParams({ prefix })}`);
    expect(await refusal(response)).toEqual({ status, code: status === 400 ? 'invalid_request' : 'forbidden' });
    expect(proxy.requests).toEqual([]);
  });

  it.each([
    ['encoded dots and slash', '%2e%2e%2f', 400],
    ['an encoded slash before dots', `${encodeURIComponent(user)}%2F..%2F${encodeURIComponent(neighbour)}`, 400],
    ['an encoded neighbour', encodeURIComponent(`${neighbour}/`), 403],
    ['double encoding', '%252e%252e%252f', 403],
    ['an encoded NUL', `${encodeURIComponent(user)}%2F%00`, 400],
    ['a plus for a space', `${encodeURIComponent(user)}+`, 403],
  ])('refuses %s in the raw query', async (_name, raw, status) => {
    const response = await get(scopedTo(user), `?prefix=${raw}`);
    expect((await refusal(response)).status).toBe(status);
    expect(proxy.requests).toEqual([]);
  });

  it('keeps downloads and deletes inside the scope too', async () => {
    const handler = scopedTo(user);
    const outside = `${neighbour}/theirs.txt`;
    expect(await refusal(await get(handler, `/download?key=${encodeURIComponent(outside)}`))).toEqual({ status: 403, code: 'forbidden' });
    expect(await refusal(await get(handler, `/download?key=${encodeURIComponent(`${user}/../${outside}`)}`))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(await get(handler, '/download?key=%2Fetc%2Fpasswd'))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await refusal(await get(handler, '/download'))).toEqual({ status: 400, code: 'invalid_request' });
    const remove = await handler(new Request(`${APP}?key=${encodeURIComponent(outside)}`, { method: 'DELETE' }));
    expect(await refusal(remove)).toEqual({ status: 403, code: 'forbidden' });
    expect(proxy.requests).toEqual([]);
    expect(await r2.getObject(outside)).not.toBeNull();
  });

  it('tells authorize which action is asked for, and its refusal stops the listing', async () => {
    const actions: string[] = [];
    const handler = handlerFor({
      authorize: (_request, { action }) => {
        actions.push(action);
        return action === 'delete' ? { status: 403 } : { prefix: user };
      },
    });
    await listPage(handler);
    await get(handler, `/download?key=${encodeURIComponent(`${user}/mine.txt`)}`);
    expect((await handler(new Request(`${APP}?key=${encodeURIComponent(`${user}/mine.txt`)}`, { method: 'DELETE' }))).status).toBe(403);
    expect(actions).toEqual(['list', 'download', 'delete']);
    expect((await get(handlerFor({ authorize: () => false }), '')).status).toBe(401);
    expect(await r2.getObject(`${user}/mine.txt`)).not.toBeNull();
  });
});

describe('GET <endpoint>/download', () => {
  it('answers a short-lived presigned GET URL that returns the same bytes, named after the file', async () => {
    const scope = freshScope('download');
    const handler = exactKeys(scope);
    const { key, body } = await upload(handler, 'résumé (1).bin', randomBody(70_000));
    const before = Date.now();
    const response = await get(handler, `/download?key=${encodeURIComponent(key)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const target = (await response.json()) as DownloadTarget;
    expect(target.key).toBe(key);
    const expiresIn = Date.parse(target.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(290_000);
    expect(expiresIn).toBeLessThan(310_000);
    const url = new URL(target.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe(`attachment; filename="r_sum_ (1).bin"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.bin`);

    const downloaded = await fetch(target.url);
    expect(downloaded.status).toBe(200);
    const bytes = new Uint8Array(await downloaded.arrayBuffer());
    expect(md5Hex(bytes)).toBe(md5Hex(body));
  });

  it.each([
    ['a browser navigation', 'text/html,application/xhtml+xml,*/*;q=0.8'],
    ['an <a download>', '*/*'],
  ])('redirects %s to the URL, and honours its own expiry', async (_name, accept) => {
    const scope = freshScope('redirect');
    const handler = exactKeys(scope);
    const { key } = await upload(handler, 'page.txt', new TextEncoder().encode('hello'));
    const response = await get(scopedTo(scope, { download: { expiresIn: 30 } }), `/download?key=${encodeURIComponent(key)}`, { accept });
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = response.headers.get('location') ?? '';
    expect(new URL(location).searchParams.get('X-Amz-Expires')).toBe('30');
    expect(await (await fetch(location)).text()).toBe('hello');
  });

  it('answers 404 for a missing object, and 404 while downloads are off', async () => {
    const scope = freshScope('missing');
    expect(await refusal(await get(scopedTo(scope), `/download?key=${encodeURIComponent(`${scope}/nothing.txt`)}`))).toEqual({ status: 404, code: 'not_found' });
    const { key } = await upload(exactKeys(scope), 'there.txt');
    expect(await refusal(await get(scopedTo(scope, { download: false }), `/download?key=${encodeURIComponent(key)}`))).toEqual({ status: 404, code: 'not_found' });
  });
});

describe('DELETE <endpoint>?key=', () => {
  it('deletes the object when enabled', async () => {
    const scope = freshScope('delete');
    const handler = exactKeys(scope);
    const { key } = await upload(handler, 'doomed (1).txt');
    const kept = await upload(handler, 'kept.txt');
    const response = await handler(new Request(`${APP}?key=${encodeURIComponent(key)}`, { method: 'DELETE' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ key });
    expect(await r2.getObject(key)).toBeNull();
    expect((await listPage(handler)).objects.map((object) => object.key)).toEqual([kept.key]);
    // Deleting again is not an error: the object is gone either way.
    expect((await handler(new Request(`${APP}?key=${encodeURIComponent(key)}`, { method: 'DELETE' }))).status).toBe(200);
  });

  it('answers 405 with the methods that are on when delete is off, and deletes nothing', async () => {
    const scope = freshScope('no-delete');
    const { key } = await upload(exactKeys(scope), 'stays.txt');
    const listOnly = await scopedTo(scope, { delete: false, download: false })(new Request(`${APP}?key=${encodeURIComponent(key)}`, { method: 'DELETE' }));
    expect(await refusal(listOnly)).toEqual({ status: 405, code: 'method_not_allowed' });
    expect(listOnly.headers.get('allow')).toBe('POST, GET');
    expect(await r2.getObject(key)).not.toBeNull();
  });
});

describe('every route is off by default', () => {
  it('answers GET and DELETE with 405, allowing POST only', async () => {
    const handler = handlerFor({ list: undefined, download: undefined, delete: undefined });
    for (const method of ['GET', 'DELETE']) {
      const response = await handler(new Request(`${APP}?key=x`, { method }));
      expect(await refusal(response)).toEqual({ status: 405, code: 'method_not_allowed' });
      expect(response.headers.get('allow')).toBe('POST');
    }
    const downloadOnly = handlerFor({ list: false, delete: false });
    expect(await refusal(await get(downloadOnly, ''))).toEqual({ status: 404, code: 'not_found' });
    expect(proxy.requests).toEqual([]);
  });
});

describe('store failures', () => {
  it('are a 502 naming the S3 code, not a 500 or a stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = scopedTo(freshScope('failing'));
    proxy.inject({ action: { type: 'status', status: 503, s3Code: 'SlowDown' } });
    const slow = await get(handler, '');
    expect(slow.status).toBe(502);
    expect(await slow.json()).toEqual({ error: { code: 'store_error', message: 'The store refused to list the files (503 SlowDown).' } });

    const wrongSecret = createR2UploadHandler({ ...r2, secretAccessKey: 'not-the-secret', list: true });
    const refused = await get(wrongSecret, '');
    expect(await refusal(refused)).toEqual({ status: 502, code: 'store_error' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('SignatureDoesNotMatch'));
  });

  it('are a 502 when the store cannot be reached', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = createR2UploadHandler({ ...r2, endpoint: 'http://127.0.0.1:9/s3', list: true });
    expect(await refusal(await get(handler, ''))).toEqual({ status: 502, code: 'store_error' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('could not be reached'), expect.anything());
  });
});
