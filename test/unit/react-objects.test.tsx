import { QueryClient, QueryClientProvider, type InfiniteData } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import {
  getUploadHistory,
  r2QueryKeys,
  useR2Objects,
  useR2Upload,
  type ObjectListPage,
  type UseR2ObjectsOptions,
} from '../../src/react/index.ts';
import type { ListHandlersOptions } from '../../src/testing/index.ts';
import { useFakeListBackend } from '../support/fake-list-backend.ts';

const { bucket, server, requests, serve } = useFakeListBackend();

/** Every request to the app's origin, as "METHOD path?query". */
function appRequests(): string[] {
  return requests
    .filter((request) => new URL(request.url).origin === location.origin)
    .map((request) => `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
}

/** A backend at `path` that signs uploads and lists, downloads and deletes objects of the fake bucket. */
const backendAt = (path: string, options: Partial<ListHandlersOptions> = {}) => serve(`${location.origin}${path}`, options);

/** A gate that holds every later list request of `endpoint` until opened. */
function holdListing(endpoint: string): { open: () => void; held: () => number } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  server.use(
    http.get(endpoint, async () => {
      held += 1;
      await gate;
      // Nothing returned: the request goes on to the list handler.
    }),
  );
  return { open, held: () => held };
}

const withClient = (client: QueryClient) => ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
const freshClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
const file = (name: string, content: string) => new File([content], name, { type: 'application/octet-stream' });
const keysOf = (objects: ReadonlyArray<{ key: string }>) => objects.map((object) => object.key);

describe('useR2Objects', () => {
  it('pages through the listing with fetchNextPage, under a stable exported query key', async () => {
    const endpoint = backendAt('/api/paged');
    for (const name of ['a', 'b', 'c', 'd', 'e']) bucket.put(`uploads/${name}.txt`, name);
    const client = freshClient();
    const { result } = renderHook(() => useR2Objects({ endpoint, pageSize: 2 }), { wrapper: withClient(client) });

    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(keysOf(result.current.objects)).toEqual(['uploads/a.txt', 'uploads/b.txt']);
    expect(result.current.prefix).toBe('');
    expect(result.current.hasNextPage).toBe(true);
    expect(result.current.capabilities).toEqual({ download: true, delete: true });

    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.objects).toHaveLength(4));
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(keysOf(result.current.objects)).toEqual(['uploads/a.txt', 'uploads/b.txt', 'uploads/c.txt', 'uploads/d.txt', 'uploads/e.txt']));
    expect(result.current.hasNextPage).toBe(false);
    expect(appRequests()).toEqual(['GET /api/paged?limit=2', 'GET /api/paged?cursor=uploads%2Fb.txt&limit=2', 'GET /api/paged?cursor=uploads%2Fd.txt&limit=2']);

    const key = r2QueryKeys.objectList(endpoint, { prefix: undefined, delimiter: undefined, pageSize: 2 });
    expect(key.slice(0, 3)).toEqual(['r2-uploader', 'objects', endpoint]);
    const cached = client.getQueryData<InfiniteData<ObjectListPage>>(key);
    expect(cached?.pages.map((page) => page.objects.length)).toEqual([2, 2, 1]);

    await act(() => result.current.refetch());
    expect(keysOf(result.current.objects)).toHaveLength(5);
  });

  it('lists a prefix, and folders with a delimiter', async () => {
    const endpoint = backendAt('/api/folders');
    for (const key of ['u/a.txt', 'u/photos/1.png', 'u/photos/2.png', 'v/other.txt']) bucket.put(key, key);
    const { result } = renderHook(() => useR2Objects({ endpoint, prefix: 'u/', delimiter: '/' }), { wrapper: withClient(freshClient()) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.prefix).toBe('u/');
    expect(keysOf(result.current.objects)).toEqual(['u/a.txt']);
    expect(result.current.prefixes).toEqual(['u/photos/']);
  });

  it('shows an upload at once from its result, then the server’s row: no duplicate, no flicker', async () => {
    const endpoint = backendAt('/api/standalone');
    bucket.put('uploads/existing.txt', 'old');
    // Standalone: no QueryClientProvider, as on a page that drops both components in.
    const renders: string[][] = [];
    const { result } = renderHook(() => {
      const uploader = useR2Upload({ endpoint });
      const list = useR2Objects({ endpoint });
      renders.push(list.objects.map((object) => `${object.key}${object.pending ? ' (pending)' : ''}`));
      return { uploader, list };
    });
    await waitFor(() => expect(result.current.list.status).toBe('success'));
    const gate = holdListing(endpoint);

    await act(() => result.current.uploader.upload([file('new one.bin', 'x'.repeat(42))]));
    // The upload is done, the list's refetch is held: the row is there, built from the upload result.
    await waitFor(() => expect(gate.held()).toBe(1));
    const pending = result.current.list.objects.find((object) => object.key === 'uploads/new one.bin');
    expect(pending).toMatchObject({ size: 42, etag: bucket.get('uploads/new one.bin')?.etag, pending: true });
    expect(result.current.list.isFetching).toBe(true);

    gate.open();
    await waitFor(() => expect(result.current.list.objects.find((object) => object.key === 'uploads/new one.bin')?.pending).toBe(false));
    expect(keysOf(result.current.list.objects)).toEqual(['uploads/existing.txt', 'uploads/new one.bin']);
    expect(result.current.list.objects[1]?.lastModified).toBe(bucket.get('uploads/new one.bin')?.lastModified.toISOString());

    // From its first appearance on, the row is in every render, exactly once.
    const first = renders.findIndex((keys) => keys.includes('uploads/new one.bin (pending)'));
    expect(first).toBeGreaterThan(-1);
    for (const keys of renders.slice(first)) expect(keys.filter((key) => key.startsWith('uploads/new one.bin'))).toHaveLength(1);
    // One refetch reconciled it: the uploader's invalidation, shared with the list.
    expect(appRequests().filter((request) => request.startsWith('GET /api/standalone'))).toHaveLength(2);
  });

  it('shows the upload and reconciles when the uploader uses the app’s QueryClient and the list does not', async () => {
    const endpoint = backendAt('/api/split');
    const appClient = freshClient();
    const uploader = renderHook(() => useR2Upload({ endpoint }), { wrapper: withClient(appClient) });
    const list = renderHook(() => useR2Objects({ endpoint }));
    await waitFor(() => expect(list.result.current.status).toBe('success'));
    expect(list.result.current.objects).toEqual([]);
    const gate = holdListing(endpoint);

    await act(() => uploader.result.current.upload([file('split.bin', 'abc')]));
    await waitFor(() => expect(keysOf(list.result.current.objects)).toEqual(['uploads/split.bin']));
    expect(list.result.current.objects[0]?.pending).toBe(true);
    // The list fetched again by itself: the uploader invalidated another client.
    await waitFor(() => expect(gate.held()).toBe(1));
    gate.open();
    await waitFor(() => expect(list.result.current.objects[0]?.pending).toBe(false));
    expect(keysOf(list.result.current.objects)).toEqual(['uploads/split.bin']);
  });

  it('shows this browser’s uploads, from earlier visits too, when the backend has no list route', async () => {
    const endpoint = backendAt('/api/no-list');
    server.use(http.get(endpoint, () => HttpResponse.json({ error: { code: 'method_not_allowed', message: 'Use POST.' } }, { status: 405 })));
    getUploadHistory().record({ key: 'uploads/earlier.bin', size: 9, etag: '"e"' }, endpoint);
    getUploadHistory().record({ key: 'uploads/other-endpoint.bin', size: 1, etag: '"o"' }, '/api/elsewhere');
    const { result } = renderHook(() => ({ uploader: useR2Upload({ endpoint }), list: useR2Objects({ endpoint }) }), { wrapper: withClient(freshClient()) });
    await waitFor(() => expect(result.current.list.status).toBe('success'));
    expect(result.current.list.source).toBe('history');
    expect(result.current.list.capabilities).toEqual({ download: false, delete: false });
    expect(keysOf(result.current.list.objects)).toEqual(['uploads/earlier.bin']);

    await act(() => result.current.uploader.upload([file('now.bin', 'now')]));
    await waitFor(() => expect(keysOf(result.current.list.objects)).toEqual(['uploads/now.bin', 'uploads/earlier.bin']));
    expect(result.current.list.objects.map((object) => object.pending)).toEqual([false, false]);
  });

  it('deletes an object and removes it from every list of the endpoint and from the history', async () => {
    const endpoint = backendAt('/api/delete');
    bucket.put('uploads/keep.txt', 'k');
    const client = freshClient();
    const { result } = renderHook(
      () => ({ uploader: useR2Upload({ endpoint }), flat: useR2Objects({ endpoint }), folder: useR2Objects({ endpoint, prefix: 'uploads/' }) }),
      { wrapper: withClient(client) },
    );
    await act(() => result.current.uploader.upload([file('doomed.txt', 'd')]));
    await waitFor(() => expect(keysOf(result.current.folder.objects)).toEqual(['uploads/doomed.txt', 'uploads/keep.txt']));
    await waitFor(() => expect(result.current.flat.objects.every((object) => !object.pending)).toBe(true));

    await act(() => result.current.flat.remove('uploads/doomed.txt'));
    expect(keysOf(result.current.flat.objects)).toEqual(['uploads/keep.txt']);
    expect(keysOf(result.current.folder.objects)).toEqual(['uploads/keep.txt']);
    expect(bucket.get('uploads/doomed.txt')).toBeUndefined();
    expect(getUploadHistory().getSnapshot().map((entry) => entry.key)).not.toContain('uploads/doomed.txt');
    expect(appRequests()).toContain('DELETE /api/delete?key=uploads%2Fdoomed.txt');
  });

  it('rejects a failed delete with the backend’s error, and keeps the row', async () => {
    const endpoint = backendAt('/api/no-delete', { delete: false });
    bucket.put('uploads/stays.txt', 's');
    const { result } = renderHook(() => useR2Objects({ endpoint }), { wrapper: withClient(freshClient()) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.capabilities.delete).toBe(false);
    await expect(result.current.remove('uploads/stays.txt')).rejects.toMatchObject({ code: 'backend_error', status: 405 });
    expect(keysOf(result.current.objects)).toEqual(['uploads/stays.txt']);
  });

  it('takes a delete answered 204 without a body as done, and sends no Content-Type with a list request', async () => {
    const endpoint = backendAt('/api/no-body');
    bucket.put('uploads/gone.txt', 'g');
    server.use(
      http.delete(endpoint, ({ request }) => {
        bucket.delete(new URL(request.url).searchParams.get('key')!);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { result } = renderHook(() => useR2Objects({ endpoint }), { wrapper: withClient(freshClient()) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    // A cross-origin GET with a Content-Type would need a CORS preflight.
    expect(requests.find((request) => request.method === 'GET')?.headers.get('content-type')).toBeNull();
    await act(() => result.current.remove('uploads/gone.txt'));
    expect(bucket.get('uploads/gone.txt')).toBeUndefined();
    await waitFor(() => expect(result.current.objects).toEqual([]));
  });

  it('refuses a listing that is not JSON with invalid_backend_response and the list protocol’s hint, without retrying', async () => {
    const endpoint = backendAt('/api/html');
    server.use(http.get(endpoint, () => new HttpResponse('<html>Sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    const { result } = renderHook(() => useR2Objects({ endpoint }), { wrapper: withClient(new QueryClient()) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'invalid_backend_response', hint: 'See the list protocol in the README.' });
    expect(result.current.error?.message).toContain('did not answer with JSON (it sent text/html)');
    expect(appRequests()).toHaveLength(1);
  });

  it('gets a download URL with the app’s headers, and a link for plain navigation', async () => {
    const endpoint = backendAt('/api/files');
    bucket.put('uploads/a b.txt', 'hello');
    const seen: Array<string | null> = [];
    server.events.on('request:start', ({ request }) => void (new URL(request.url).pathname === '/api/files/download' && seen.push(request.headers.get('authorization'))));
    const options: UseR2ObjectsOptions = { endpoint, headers: async () => ({ authorization: 'Bearer t0k3n' }) };
    const { result } = renderHook(() => useR2Objects(options), { wrapper: withClient(freshClient()) });
    await waitFor(() => expect(result.current.status).toBe('success'));
    const target = await result.current.getDownloadUrl('uploads/a b.txt');
    expect(await (await fetch(target.url)).text()).toBe('hello');
    expect(seen).toEqual(['Bearer t0k3n']);
    expect(result.current.downloadHref('uploads/a b.txt')).toBe(`${endpoint}/download?key=uploads%2Fa+b.txt`);
    await expect(result.current.getDownloadUrl('uploads/missing')).rejects.toMatchObject({ status: 404, backendCode: 'not_found' });
  });

  it('retries a transient failure by the uploads’ rules (503), and then lists', async () => {
    let failures = 1;
    const endpoint = backendAt('/api/flaky', {
      reject: () => (failures-- > 0 ? { status: 503, code: 'unavailable', message: 'Try again.' } : undefined),
    });
    bucket.put('uploads/kept.txt', 'k');
    // The hook's own retry policy, not the test client's: no QueryClient default overrides it.
    const { result } = renderHook(() => useR2Objects({ endpoint }), { wrapper: withClient(new QueryClient()) });
    await waitFor(() => expect(result.current.status).toBe('success'), { timeout: 3000 });
    expect(keysOf(result.current.objects)).toEqual(['uploads/kept.txt']);
    expect(appRequests()).toHaveLength(2);
  });

  it('reports a refusal without retrying it, and recovers on refetch', async () => {
    let refuse = true;
    const endpoint = backendAt('/api/refusing', {
      reject: () => (refuse ? { status: 403, code: 'forbidden', message: 'You may not list files here.' } : undefined),
    });
    // The hook's own retry policy, not the test client's: no QueryClient default overrides it.
    const { result } = renderHook(() => useR2Objects({ endpoint }), { wrapper: withClient(new QueryClient()) });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ code: 'backend_error', status: 403, message: 'You may not list files here.' });
    expect(appRequests()).toHaveLength(1);

    refuse = false;
    await act(() => result.current.refetch());
    expect(result.current.status).toBe('success');
    expect(result.current.error).toBeNull();
  });
});
