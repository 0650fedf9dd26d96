import { setupServer } from 'msw/node';
import type { DownloadTarget, ObjectListPage } from '../../src/core/protocol/list-protocol.ts';
import { createFakeBucket, createListHandlers, listStoredObjects, type ListHandlersOptions } from '../../src/testing/index.ts';

const endpoint = 'https://app.test/api/uploads';
const bucket = createFakeBucket();
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  bucket.reset();
});
afterAll(() => server.close());

const serve = (options: Partial<ListHandlersOptions> = {}) => server.use(...createListHandlers({ endpoint, bucket, ...options }), ...bucket.handlers);
const list = async (query = '') => {
  const response = await fetch(`${endpoint}${query}`);
  return { status: response.status, body: (await response.json()) as ObjectListPage & { error?: { code: string } } };
};

describe('listStoredObjects', () => {
  const objects = () => {
    for (const key of ['a/1', 'a/2', 'a-b', 'b/x/y', 'b/z', 'c']) bucket.put(key, key, { lastModified: new Date(Date.UTC(2026, 0, 1)) });
    return new Map(bucket.keys().map((key) => [key, bucket.get(key)!]));
  };

  it('lists in key order with size, ETag and date, paging by cursor', () => {
    const all = objects();
    const first = listStoredObjects(all, { prefix: '', limit: 4 });
    expect(first.objects.map((object) => object.key)).toEqual(['a-b', 'a/1', 'a/2', 'b/x/y']);
    expect(first.objects[0]).toEqual({ key: 'a-b', size: 3, etag: bucket.get('a-b')!.etag, lastModified: '2026-01-01T00:00:00.000Z' });
    expect(first.cursor).toBe('b/x/y');
    const second = listStoredObjects(all, { prefix: '', limit: 4, cursor: first.cursor });
    expect(second.objects.map((object) => object.key)).toEqual(['b/z', 'c']);
    expect(second.cursor).toBeUndefined();
  });

  it('groups by the delimiter, counting each folder once, and pages past a folder', () => {
    const all = objects();
    const first = listStoredObjects(all, { prefix: '', delimiter: '/', limit: 2 });
    expect(first).toEqual({ objects: [expect.objectContaining({ key: 'a-b' })], prefixes: ['a/'], prefix: '', cursor: 'a/' });
    const second = listStoredObjects(all, { prefix: '', delimiter: '/', limit: 2, cursor: 'a/' });
    expect(second.prefixes).toEqual(['b/']);
    expect(second.objects.map((object) => object.key)).toEqual(['c']);
    expect(second.cursor).toBeUndefined();
    expect(listStoredObjects(all, { prefix: 'b/', delimiter: '/', limit: 10 })).toMatchObject({ prefixes: ['b/x/'], objects: [{ key: 'b/z' }], prefix: 'b/' });
  });
});

describe('createListHandlers', () => {
  it('answers the list protocol, with the capabilities it was given', async () => {
    serve({ download: true });
    bucket.put('uploads/a.txt', 'aaa');
    bucket.put('uploads/b.txt', 'b');
    const { status, body } = await list('?limit=1');
    expect(status).toBe(200);
    expect(body).toEqual({
      objects: [{ key: 'uploads/a.txt', size: 3, etag: bucket.get('uploads/a.txt')!.etag, lastModified: expect.any(String) }],
      prefixes: [],
      prefix: '',
      cursor: 'uploads/a.txt',
      capabilities: { download: true, delete: false },
    });
    expect((await list(`?limit=1&cursor=${body.cursor}`)).body.objects.map((object) => object.key)).toEqual(['uploads/b.txt']);
  });

  it('keeps to its scope', async () => {
    serve({ scope: 'users/1' });
    bucket.put('users/1/mine.txt', 'm');
    bucket.put('users/2/theirs.txt', 't');
    expect((await list()).body).toMatchObject({ prefix: 'users/1/', objects: [{ key: 'users/1/mine.txt' }] });
    expect((await list('?prefix=users/2/')).status).toBe(403);
  });

  it('answers download URLs that the fake bucket serves, and deletes, only when enabled', async () => {
    serve({ download: true, delete: true });
    bucket.put('uploads/a b.txt', 'hello', { contentType: 'text/plain' });
    const downloadUrl = `${endpoint}/download?key=${encodeURIComponent('uploads/a b.txt')}`;
    const download = (await (await fetch(downloadUrl, { headers: { accept: 'application/json' } })).json()) as DownloadTarget;
    const followed = await fetch(downloadUrl, { redirect: 'manual' });
    expect([followed.status, followed.headers.get('location')]).toEqual([302, download.url]);
    const file = await fetch(download.url);
    expect(file.headers.get('content-type')).toBe('text/plain');
    expect(await file.text()).toBe('hello');
    expect((await fetch(`${endpoint}/download?key=uploads%2Fnope`)).status).toBe(404);

    const deleted = await fetch(`${endpoint}?key=${encodeURIComponent('uploads/a b.txt')}`, { method: 'DELETE' });
    expect(await deleted.json()).toEqual({ key: 'uploads/a b.txt' });
    expect(bucket.get('uploads/a b.txt')).toBeUndefined();
    expect((await fetch(download.url)).status).toBe(404);

    server.resetHandlers();
    serve();
    bucket.put('uploads/kept.txt', 'k');
    expect((await fetch(`${endpoint}/download?key=uploads%2Fkept.txt`)).status).toBe(404);
    expect((await fetch(`${endpoint}?key=uploads%2Fkept.txt`, { method: 'DELETE' })).status).toBe(405);
    expect(bucket.get('uploads/kept.txt')).toBeDefined();
  });

  it('refuses and delays as told', async () => {
    serve({ delay: 40, reject: (request) => (new URL(request.url).searchParams.get('prefix') === 'secret/' ? { status: 403, code: 'forbidden', message: 'No.' } : undefined) });
    const started = performance.now();
    expect(await list('?prefix=secret/')).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'No.' } } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect((await list()).status).toBe(200);
  });
});
