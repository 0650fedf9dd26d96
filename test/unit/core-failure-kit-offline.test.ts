import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { MAX_SINGLE_PUT_BYTES } from '../../src/core/r2-limits.ts';
import { BUCKET, bucketCors, bucketHandlers, toBucket } from '../support/msw-bucket.ts';

// The chunk with what only failures need (reading a backend's failed answer, the words of errors) cannot load: a deploy replaced it, or the network blinked.
vi.mock('../../src/core/failure-kit.ts', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

const ENDPOINT = 'https://app.test/api/uploads';
let puts = 0;
const server = setupServer(
  ...bucketHandlers(() => {
    puts += 1;
    return new HttpResponse(null, { status: 503, headers: bucketCors });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  puts = 0;
});
afterAll(() => server.close());

describe('a failure when the code that handles failures cannot load', () => {
  it('still retries a transient store refusal by the same rules (the retry rules never load on demand), then fails with its status', async () => {
    const onError = vi.fn();
    const uploader = createUploader({ getUploadUrl: toBucket, retry: { attempts: 3, baseDelay: 1, maxDelay: 1 }, onError });
    expect(await uploader.upload(new File(['x'], 'a.txt'))).toEqual([]);
    expect(puts).toBe(3);
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'store_error', status: 503 } });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('recovers when the store answers again, although the failure kit never loaded', async () => {
    server.use(
      http.put(`${BUCKET}/*`, () => {
        puts += 1;
        return puts === 1 ? new HttpResponse(null, { status: 503, headers: bucketCors }) : new HttpResponse(null, { status: 200, headers: { ...bucketCors, etag: '"e1"' } });
      }),
    );
    const uploader = createUploader({ getUploadUrl: toBucket, retry: { baseDelay: 1, maxDelay: 1 } });
    const [result] = await uploader.upload(new File(['x'], 'b.txt'));
    expect(result?.etag).toBe('"e1"');
    expect(puts).toBe(2);
  });

  it("fails a backend's refusal with backend_error and its status", async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ error: { code: 'quota', message: 'Over quota' } }, { status: 403 })));
    const uploader = createUploader({ endpoint: ENDPOINT });
    await uploader.upload(new File(['x'], 'c.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'backend_error', status: 403, message: 'The upload backend answered 403.' });
  });

  it('fails a 2xx answer that is not JSON with invalid_backend_response', async () => {
    server.use(http.post(ENDPOINT, () => new HttpResponse('<html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    const uploader = createUploader({ endpoint: ENDPOINT });
    await uploader.upload(new File(['x'], 'd.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'invalid_backend_response', message: 'The upload backend did not answer with JSON.' });
  });

  it('fails a backend that does not answer in time with backend_timeout', async () => {
    server.use(http.post(ENDPOINT, () => new Promise<Response>(() => {})));
    const uploader = createUploader({ endpoint: ENDPOINT, backendTimeout: 30 });
    await uploader.upload(new File(['x'], 'e.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'backend_timeout', message: 'The upload backend did not answer within 30 ms.' });
  });

  it('refuses a file larger than one PUT can carry before asking for a URL', async () => {
    const getUploadUrl = vi.fn(toBucket);
    const uploader = createUploader({ getUploadUrl });
    const huge = new File(['x'], 'huge.mov');
    Object.defineProperty(huge, 'size', { value: MAX_SINGLE_PUT_BYTES + 1 });
    await uploader.upload(huge);
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', message: `huge.mov is larger than ${MAX_SINGLE_PUT_BYTES} bytes.` });
    expect(getUploadUrl).not.toHaveBeenCalled();
  });
});
