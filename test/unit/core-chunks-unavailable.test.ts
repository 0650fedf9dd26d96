import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { loadOnce } from '../../src/core/engine/features.ts';
import { BUCKET, bucketCors, bucketHandlers, retryingStates } from '../support/msw-bucket.ts';

// Every chunk the library loads on demand fails to load (a deploy replaced them, the network blinked).
// Errors, retry decisions, URL checks and messages are in none of them: failures must be told and handled as ever.
const { unavailable } = vi.hoisted(() => ({
  unavailable: () => {
    throw new TypeError('Failed to fetch dynamically imported module');
  },
}));
vi.mock('../../src/core/multipart/transfer-multipart.ts', unavailable);
vi.mock('../../src/core/integrity/index.ts', unavailable);
vi.mock('../../src/core/resume/index.ts', unavailable);

const ENDPOINT = 'https://app.test/api/uploads';
const s3Error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    status,
    // A browser reads Retry-After across origins only when the bucket's CORS exposes it.
    headers: { ...bucketCors, 'access-control-expose-headers': 'ETag, Retry-After', 'content-type': 'application/xml', ...headers },
  });

let answers: Array<() => Response> = [];
let signed = 0;
const server = setupServer(
  ...bucketHandlers(() => answers.shift()?.()),
  http.post(ENDPOINT, async ({ request }) => {
    signed += 1;
    const { filename } = (await request.json()) as { filename: string };
    return HttpResponse.json({ url: `${BUCKET}/${filename}?X-Amz-Expires=900&n=${signed}`, method: 'PUT', headers: {}, key: filename });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  answers = [];
  signed = 0;
});
afterAll(() => server.close());

const fast = { attempts: 3, baseDelay: 1, maxDelay: 1 };

describe('failures when no chunk can load', () => {
  it('sign an expired URL again, at once', async () => {
    answers = [() => s3Error(403, 'ExpiredRequest', 'Request has expired')];
    const uploader = createUploader({ endpoint: ENDPOINT, retry: fast });
    const [result] = await uploader.upload(new File(['x'], 'a.txt'));
    expect(result?.etag).toBe('"e"');
    expect(signed).toBe(2);
  });

  it('retry a 400 RequestTimeout, keeping its S3 code and the store’s words', async () => {
    answers = [() => s3Error(400, 'RequestTimeout', 'Your socket connection to the server was not read from or written to within the timeout period.')];
    const uploader = createUploader({ endpoint: ENDPOINT, retry: fast });
    const retrying = retryingStates(uploader);
    const [result] = await uploader.upload(new File(['x'], 'b.txt'));
    expect(result?.etag).toBe('"e"');
    expect(retrying[0]?.lastError).toMatchObject({ code: 'store_error', status: 400, s3Code: 'RequestTimeout', message: expect.stringContaining('not read from or written to') });
  });

  it('honour Retry-After', async () => {
    answers = [() => s3Error(503, 'SlowDown', 'Please reduce your request rate.', { 'retry-after': '1' })];
    const uploader = createUploader({ endpoint: ENDPOINT, retry: { attempts: 2, baseDelay: 1, maxDelay: 5000 } });
    const retrying = retryingStates(uploader);
    const before = Date.now();
    const [result] = await uploader.upload(new File(['x'], 'c.txt'));
    expect(result?.etag).toBe('"e"');
    expect(retrying[0]?.lastError).toMatchObject({ s3Code: 'SlowDown', retryAfter: 1000 });
    expect(retrying[0]!.retryAt! - before).toBeGreaterThanOrEqual(1000);
  });

  it('show a backend’s file_too_large as file_rejected, with the backend’s message', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ error: { code: 'file_too_large', message: 'At most 1 MB here.' } }, { status: 413 })));
    const uploader = createUploader({ endpoint: ENDPOINT, retry: fast });
    await uploader.upload(new File(['x'], 'd.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large', message: 'At most 1 MB here.', status: 413 });
  });

  it('fail a large file whose multipart chunk cannot load with that error, and upload small files as ever', async () => {
    const uploader = createUploader({ endpoint: ENDPOINT, retry: fast, multipart: { threshold: 1 } });
    await uploader.upload(new File(['xy'], 'large.bin'));
    // A chunk that did not arrive is a network failure; the next try loads it again (see loadOnce below).
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'network_error' } });
    const small = createUploader({ endpoint: ENDPOINT, retry: fast });
    expect((await small.upload(new File(['x'], 'e.txt')))[0]?.etag).toBe('"e"');
  });
});

describe('loadOnce (how each optional feature is loaded)', () => {
  it('does not keep a failed load: the next use tries again, and a success is kept', async () => {
    const load = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValue('feature');
    const feature = loadOnce(load);
    await expect(feature()).rejects.toThrow('Failed to fetch');
    await expect(feature()).resolves.toBe('feature');
    await expect(feature()).resolves.toBe('feature');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
