import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { R2UploadError } from '../../src/core/errors/upload-error.ts';
import type { MultipartBackend } from '../../src/core/protocol/multipart-protocol.ts';
import { bucketHandlers, toBucket } from '../support/msw-bucket.ts';

const ENDPOINT = 'https://app.test/api/uploads';
let backendCalls = 0;
const server = setupServer(
  ...bucketHandlers(),
  http.post(ENDPOINT, () => {
    backendCalls += 1;
    return HttpResponse.json({ error: { message: 'unexpected' } }, { status: 500 });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  backendCalls = 0;
});
afterAll(() => server.close());

// Retries on and fast: an app error that were retried would be called more than once.
const retry = { attempts: 4, baseDelay: 1, maxDelay: 1 };
const notSignedIn = new Error('Not signed in.');

describe("errors thrown by the app's own functions", () => {
  it('getUploadUrl: app_callback_error naming it, with the cause, called once, never shown as a network error', async () => {
    const getUploadUrl = vi.fn(async () => {
      throw notSignedIn;
    });
    const onError = vi.fn();
    const uploader = createUploader({ getUploadUrl, retry, onError });
    await uploader.upload(new File(['x'], 'a.txt'));
    expect(getUploadUrl).toHaveBeenCalledTimes(1);
    const error = uploader.getSnapshot().uploads[0]?.error;
    expect(error).toMatchObject({ code: 'app_callback_error', message: "The app's getUploadUrl threw: Not signed in.", cause: notSignedIn });
    expect(onError).toHaveBeenCalledWith(error, expect.any(File));
  });

  it('getUploadUrls: the same, for every file of the batch', async () => {
    const getUploadUrls = vi.fn(async () => {
      throw notSignedIn;
    });
    const uploader = createUploader({ getUploadUrl: toBucket, getUploadUrls, retry });
    await uploader.upload([new File(['1'], '1.txt'), new File(['2'], '2.txt'), new File(['3'], '3.txt')]);
    expect(uploader.getSnapshot().uploads.map((upload) => upload.error?.code)).toEqual(['app_callback_error', 'app_callback_error', 'app_callback_error']);
    expect(uploader.getSnapshot().uploads[0]?.error?.message).toBe("The app's getUploadUrls threw: Not signed in.");
  });

  it('multipartBackend: names the method that threw, is not retried, and keeps the cause', async () => {
    const create = vi.fn<MultipartBackend['create']>(async () => {
      throw notSignedIn;
    });
    const multipartBackend: MultipartBackend = { create, signParts: vi.fn(), complete: vi.fn(), abort: vi.fn(async () => undefined) };
    const uploader = createUploader({ getUploadUrl: toBucket, multipartBackend, multipart: { threshold: 1 }, resume: false, retry });
    await uploader.upload(new File(['xy'], 'big.bin'));
    expect(create).toHaveBeenCalledTimes(1);
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'app_callback_error', message: "The app's multipartBackend.create threw: Not signed in.", cause: notSignedIn });
  });

  it('headers(): app_callback_error, not backend_unreachable, and the backend is never called', async () => {
    const headers = vi.fn(() => {
      throw notSignedIn;
    });
    const uploader = createUploader({ endpoint: ENDPOINT, headers, retry });
    await uploader.upload(new File(['x'], 'b.txt'));
    expect(headers).toHaveBeenCalledTimes(1);
    expect(backendCalls).toBe(0);
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'app_callback_error', message: "The app's headers threw: Not signed in.", cause: notSignedIn });
  });

  it('validate: app_callback_error, not a refusal of the file', async () => {
    const uploader = createUploader({ getUploadUrl: toBucket, validate: () => Promise.reject(notSignedIn), retry });
    await uploader.upload(new File(['x'], 'c.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'app_callback_error', message: "The app's validate threw: Not signed in.", cause: notSignedIn });
    expect(uploader.getSnapshot().uploads[0]?.error?.reason).toBeUndefined();
  });

  it('keeps an R2UploadError the app throws on purpose, with its retries', async () => {
    let calls = 0;
    const uploader = createUploader({
      getUploadUrl: async (file, context) => {
        calls += 1;
        if (calls === 1) throw new R2UploadError('network_error', 'Offline for a moment.');
        return toBucket(file, context);
      },
      retry,
    });
    const [result] = await uploader.upload(new File(['x'], 'd.txt'));
    expect(result?.etag).toBe('"e"');
    expect(calls).toBe(2);
  });
});
