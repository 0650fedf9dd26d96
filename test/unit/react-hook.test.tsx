import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { R2_UPLOADER_QUERY_KEY, useR2QueryClient, useR2Upload, type UploadResult } from '../../src/react/index.ts';
import { useFakeUploadBackend } from '../support/fake-upload-backend.ts';

const { endpoint, bucket, server } = useFakeUploadBackend();

const file = (name: string, content: string) => new File([content], name, { type: 'text/plain' });

describe('useR2Upload', () => {
  it('needs no QueryClientProvider: it falls back to one module-level client', () => {
    const first = renderHook(() => useR2QueryClient());
    const second = renderHook(() => useR2QueryClient());
    expect(first.result.current).toBe(second.result.current);
    expect(() => renderHook(() => useR2Upload({ endpoint }))).not.toThrow();
  });

  it('uses the app’s QueryClient when there is one, and invalidates only queries under ["r2-uploader"]', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData([...R2_UPLOADER_QUERY_KEY, 'objects', 'uploads/'], []);
    queryClient.setQueryData(['todos'], []);
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    expect(renderHook(() => useR2QueryClient(), { wrapper }).result.current).toBe(queryClient);

    const { result } = renderHook(() => useR2Upload({ endpoint }), { wrapper });
    await act(() => result.current.upload(file('a.txt', 'aaa')));
    expect(queryClient.getQueryState([...R2_UPLOADER_QUERY_KEY, 'objects', 'uploads/'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['todos'])?.isInvalidated).toBe(false);
  });

  it('adds up the progress of every upload that was not canceled', async () => {
    const { result } = renderHook(() => useR2Upload({ endpoint }));
    expect(result.current.progress).toEqual({ loaded: 0, total: 0, percent: 0 });
    expect(result.current.isUploading).toBe(false);

    bucket.delay(100);
    let pending: Promise<UploadResult[]> = Promise.resolve([]);
    act(() => void (pending = result.current.upload([file('a.txt', 'abc'), file('b.txt', 'hello')])));
    expect(result.current.isUploading).toBe(true);
    expect(result.current.progress).toEqual({ loaded: 0, total: 8, percent: 0 });
    const results = await act(() => pending);
    expect(results.map((r) => r.key)).toEqual(['uploads/a.txt', 'uploads/b.txt']);
    expect(result.current.uploads.map((u) => u.status)).toEqual(['done', 'done']);
    expect(result.current.progress).toEqual({ loaded: 8, total: 8, percent: 100 });
    expect(result.current.isUploading).toBe(false);

    bucket.delay(5_000);
    act(() => void result.current.upload(file('big.txt', 'x'.repeat(92))));
    await waitFor(() => expect(result.current.uploads[2]?.status).toBe('uploading'));
    expect(result.current.isUploading).toBe(true);
    expect(result.current.progress.total).toBe(100);
    expect(result.current.progress.percent).toBeLessThan(100);

    act(() => result.current.cancel(result.current.uploads[2]?.id));
    expect(result.current.uploads[2]?.status).toBe('canceled');
    expect(result.current.progress).toEqual({ loaded: 8, total: 8, percent: 100 });
    expect(result.current.isUploading).toBe(false);

    act(() => result.current.clear());
    expect(result.current.uploads).toEqual([]);
  });

  it('calls the latest callbacks, not the ones of the first render', async () => {
    const first = vi.fn();
    const latest = vi.fn();
    const { result, rerender } = renderHook(({ onSuccess }) => useR2Upload({ endpoint, onSuccess }), { initialProps: { onSuccess: first } });
    rerender({ onSuccess: latest });
    await act(() => result.current.upload(file('a.txt', 'abc')));
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledWith(expect.objectContaining({ key: 'uploads/a.txt' }), expect.any(File));
  });

  it('keeps its functions stable across renders', async () => {
    const { result, rerender } = renderHook(() => useR2Upload({ endpoint }));
    const { upload, cancel, retry, clear } = result.current;
    rerender();
    await act(() => result.current.upload(file('a.txt', 'abc')));
    expect(result.current).toMatchObject({ upload, cancel, retry, clear });
  });
});

describe('useR2Upload when its component unmounts', () => {
  it('cancels its uploads, so they no longer hold places in the page-wide pool', async () => {
    bucket.delay(60_000);
    const gone = renderHook(() => useR2Upload({ endpoint, retry: false }));
    let pending!: Promise<UploadResult[]>;
    act(() => {
      pending = gone.result.current.upload(Array.from({ length: 6 }, (_, i) => file(`slow-${i}.txt`, 'x')));
    });
    await waitFor(() => expect(gone.result.current.uploads.every((u) => u.status === 'uploading')).toBe(true));
    gone.unmount();
    expect(await pending).toEqual([]);

    bucket.delay(0);
    const next = renderHook(() => useR2Upload({ endpoint }));
    let results: UploadResult[] = [];
    await act(async () => {
      results = await next.result.current.upload(file('after.txt', 'still gets a connection'));
    });
    expect(results.map((r) => r.key)).toEqual(['uploads/after.txt']);
    expect(bucket.keys()).toEqual(['uploads/after.txt']);
  });
});
