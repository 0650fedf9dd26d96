import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { resetPageRuntime } from '../../src/core/page/page-runtime.ts';
import { BATCH_RETRY_AFTER, requestSignBatch, signsBatches } from '../../src/core/protocol/sign-batch.ts';
import { bucketHandlers, toBucket } from '../support/msw-bucket.ts';

const ENDPOINT = 'https://app.test/api/uploads';
let batchCalls = 0;
const server = setupServer(
  ...bucketHandlers(),
  http.post(ENDPOINT, () => {
    batchCalls += 1;
    return HttpResponse.json({ error: { code: 'not_found', message: 'No such route.' } }, { status: 404 });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  batchCalls = 0;
  vi.restoreAllMocks();
  resetPageRuntime();
});
afterAll(() => server.close());

describe('the page runtime', () => {
  it('gives two copies of the library one connection pool (not 12 connections)', async () => {
    vi.resetModules();
    const one = await import('../../src/core/transport/connection-pool.ts');
    vi.resetModules();
    const other = await import('../../src/core/transport/connection-pool.ts');
    expect(other.sharedUploadPool).not.toBe(one.sharedUploadPool);
    expect(other.sharedUploadPool()).toBe(one.sharedUploadPool());
  });

  it('turns batch signing off for an endpoint without the route only for a while, then tries a batch again', async () => {
    const request = [{ filename: 'a.txt', contentType: 'text/plain', size: 1 }];
    const signal = new AbortController().signal;
    expect(await requestSignBatch({ endpoint: ENDPOINT }, request, signal)).toBeUndefined();
    expect(batchCalls).toBe(1);
    expect(signsBatches(ENDPOINT)).toBe(false);
    expect(await requestSignBatch({ endpoint: ENDPOINT }, request, signal)).toBeUndefined();
    expect(batchCalls).toBe(1);

    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + BATCH_RETRY_AFTER + 1);
    expect(signsBatches(ENDPOINT)).toBe(true);
    await requestSignBatch({ endpoint: ENDPOINT }, request, signal);
    expect(batchCalls).toBe(2);
  });
});

describe('Uploader.dispose', () => {
  it('cancels every unfinished upload, settles upload(), and refuses new uploads', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const uploader = createUploader({
      getUploadUrl: async (file, context) => {
        await held;
        return toBucket(file, context);
      },
    });
    const pending = uploader.upload([new File(['1'], '1.txt'), new File(['2'], '2.txt')]);
    await vi.waitFor(() => expect(uploader.getSnapshot().uploads.every((upload) => upload.status === 'signing')).toBe(true));
    uploader.dispose();
    release();
    expect(await pending).toEqual([]);
    expect(uploader.getSnapshot().uploads.map((upload) => upload.status)).toEqual(['canceled', 'canceled']);
    await expect(uploader.upload(new File(['3'], '3.txt'))).rejects.toMatchObject({ code: 'canceled' });
    expect(await uploader.retry(uploader.getSnapshot().uploads[0]!.id)).toBeUndefined();
  });
});
