import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { parseUploadTarget, requestUploadTarget } from '../../src/core/protocol/backend-client.ts';
import { createUploadPool } from '../../src/core/transport/connection-pool.ts';
import { R2UploadError } from '../../src/core/errors/upload-error.ts';
import { BUCKET, bucketCors } from '../support/msw-bucket.ts';

const ENDPOINT = 'http://localhost:3000/api/upload';


/** A backend that signs whatever it is asked, and records the requests. */
const signed: Array<{ filename: string; contentType: string; size: number }> = [];
const backend = http.post(ENDPOINT, async ({ request }) => {
  const body = (await request.json()) as { filename: string; contentType: string; size: number };
  signed.push(body);
  return HttpResponse.json({
    url: `${BUCKET}/uploads/${encodeURIComponent(body.filename)}`,
    method: 'PUT',
    headers: { 'content-type': body.contentType, 'content-length': String(body.size) },
    key: `uploads/${body.filename}`,
  });
});
const preflight = http.options(`${BUCKET}/*`, () => new HttpResponse(null, { status: 204, headers: bucketCors }));
const bucketOk = http.put(`${BUCKET}/*`, ({ request }) =>
  new HttpResponse(null, { status: 200, headers: { ...bucketCors, etag: `"etag-of-${request.headers.get('content-type')}"` } }),
);

const server = setupServer(backend, preflight, bucketOk);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  signed.length = 0;
});
afterAll(() => server.close());

const abortSignal = () => new AbortController().signal;

describe('requestUploadTarget', () => {
  const request = { filename: 'a.txt', contentType: 'text/plain', size: 5 };

  it('returns the signed target', async () => {
    const target = await requestUploadTarget({ endpoint: ENDPOINT }, request, abortSignal());
    expect(target).toMatchObject({ method: 'PUT', key: 'uploads/a.txt', headers: { 'content-type': 'text/plain' } });
  });

  it('sends the configured headers', async () => {
    let auth: string | null = null;
    server.use(
      http.post(ENDPOINT, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ url: `${BUCKET}/k`, method: 'PUT', headers: {}, key: 'k' });
      }),
    );
    await requestUploadTarget({ endpoint: ENDPOINT, headers: async () => ({ authorization: 'Bearer t' }) }, request, abortSignal());
    expect(auth).toBe('Bearer t');
  });

  it.each([
    ['a 4xx with the protocol error body', () => HttpResponse.json({ error: { code: 'quota', message: 'Quota exceeded' } }, { status: 403 }), 'backend_error', 'Quota exceeded'],
    ['a 500 with HTML', () => new HttpResponse('<html>Internal</html>', { status: 500, headers: { 'content-type': 'text/html' } }), 'backend_error', '500'],
    ['a 200 with HTML', () => new HttpResponse('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } }), 'invalid_backend_response', 'did not answer with JSON'],
    ['a 200 without url', () => HttpResponse.json({ key: 'k', method: 'PUT', headers: {} }), 'invalid_backend_response', 'without a "url"'],
    ['a 200 with a bad url', () => HttpResponse.json({ url: 'not a url', key: 'k', headers: {} }), 'invalid_backend_response', 'not a URL'],
    ['a 200 without key', () => HttpResponse.json({ url: `${BUCKET}/k`, headers: {} }), 'invalid_backend_response', 'without a "key"'],
    ['a 200 with POST', () => HttpResponse.json({ url: `${BUCKET}/k`, method: 'POST', headers: {}, key: 'k' }), 'invalid_backend_response', 'only PUT'],
    ['a 200 with non-string headers', () => HttpResponse.json({ url: `${BUCKET}/k`, headers: { a: 1 }, key: 'k' }), 'invalid_backend_response', 'headers'],
    ['a dropped connection', () => HttpResponse.error(), 'backend_unreachable', 'could not be reached'],
  ])('turns %s into a typed error', async (_name, resolver, code, message) => {
    server.use(http.post(ENDPOINT, resolver));
    const error = await requestUploadTarget({ endpoint: ENDPOINT }, request, abortSignal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(R2UploadError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(message);
  });

  it('keeps the backend code and status', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ error: { code: 'file_too_large', message: 'Too big' } }, { status: 413 })));
    const error = await requestUploadTarget({ endpoint: ENDPOINT }, request, abortSignal()).catch((e: unknown) => e);
    // A code the rules also use is a refusal of the file, like the client's own.
    expect(error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large', backendCode: 'file_too_large', status: 413, message: 'Too big' });
  });

  it('validates what a custom getUploadUrl returns', () => {
    expect(() => parseUploadTarget(null)).toThrow(R2UploadError);
    expect(parseUploadTarget({ url: 'https://x.test/k', key: 'k' })).toEqual({ url: 'https://x.test/k', method: 'PUT', headers: {}, key: 'k' });
  });
});

describe('createUploader', () => {
  it('uploads with the signed content type and reports the result once', async () => {
    const onSuccess = vi.fn();
    const onError = vi.fn();
    const uploader = createUploader({ endpoint: ENDPOINT, onSuccess, onError });
    const file = new File(['# hi'], 'notes.md');
    const results = await uploader.upload(file);
    expect(signed).toEqual([{ filename: 'notes.md', contentType: 'text/markdown', size: 4 }]);
    expect(results).toEqual([{ key: 'uploads/notes.md', etag: '"etag-of-text/markdown"', size: 4, contentType: 'text/markdown' }]);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(results[0], file);
    expect(onError).not.toHaveBeenCalled();
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'done', etag: '"etag-of-text/markdown"', loaded: 4, key: 'uploads/notes.md' });
  });

  it('walks through the statuses in order', async () => {
    const uploader = createUploader({ endpoint: ENDPOINT });
    const seen: string[] = [];
    uploader.subscribe(() => {
      const status = uploader.getSnapshot().uploads[0]?.status;
      if (status && seen.at(-1) !== status) seen.push(status);
    });
    await uploader.upload(new File(['x'], 'x.txt', { type: 'text/plain' }));
    expect(seen).toEqual(['queued', 'signing', 'uploading', 'done']);
  });

  it('sends what the backend signed, not what the file claims', async () => {
    server.use(
      http.post(ENDPOINT, () =>
        HttpResponse.json({ url: `${BUCKET}/k`, method: 'PUT', headers: { 'Content-Type': 'application/pdf' }, key: 'k' }),
      ),
    );
    const [result] = await createUploader({ endpoint: ENDPOINT }).upload(new File(['x'], 'x.txt', { type: 'text/plain' }));
    expect(result).toMatchObject({ contentType: 'application/pdf', etag: '"etag-of-application/pdf"' });
  });

  it('fails one file without failing the batch, and calls onError once', async () => {
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        const body = (await request.clone().json()) as { filename: string };
        if (body.filename === 'bad.txt') return HttpResponse.json({ error: { code: 'nope', message: 'Refused' } }, { status: 400 });
        return HttpResponse.json({ url: `${BUCKET}/${body.filename}`, method: 'PUT', headers: {}, key: body.filename });
      }),
    );
    const onError = vi.fn();
    const uploader = createUploader({ endpoint: ENDPOINT, onError });
    const results = await uploader.upload([new File(['a'], 'good.txt'), new File(['b'], 'bad.txt'), new File(['c'], 'fine.txt')]);
    expect(results.map((r) => r.key)).toEqual(['good.txt', 'fine.txt']);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'backend_error', message: 'Refused' });
    expect(uploader.getSnapshot().uploads.map((u) => u.status)).toEqual(['done', 'error', 'done']);
  });

  it('reports an S3 XML error with its code and hint', async () => {
    server.use(
      http.put(`${BUCKET}/*`, () =>
        new HttpResponse('<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>bad sig</Message></Error>', {
          status: 403,
          headers: { ...bucketCors, 'content-type': 'application/xml' },
        }),
      ),
    );
    const uploader = createUploader({ endpoint: ENDPOINT });
    await uploader.upload(new File(['x'], 'x.txt'));
    const { error } = uploader.getSnapshot().uploads[0]!;
    expect(error).toMatchObject({ code: 'store_error', s3Code: 'SignatureDoesNotMatch', status: 403 });
    expect(error?.message).toContain('SignatureDoesNotMatch');
    expect(error?.hint).toContain('Content-Type');
  });

  it('names the CORS fix when the ETag is hidden', async () => {
    const { 'access-control-expose-headers': _hidden, ...noExpose } = bucketCors;
    server.use(http.put(`${BUCKET}/*`, () => new HttpResponse(null, { status: 200, headers: { ...noExpose, etag: '"abc"' } })));
    const uploader = createUploader({ endpoint: ENDPOINT });
    expect(await uploader.upload(new File(['x'], 'x.txt'))).toEqual([]);
    const { error } = uploader.getSnapshot().uploads[0]!;
    expect(error?.code).toBe('etag_not_exposed');
    expect(error?.hint).toContain('ExposeHeaders: ["ETag"]');
  });

  it('refuses a target signed for another size before sending', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ url: `${BUCKET}/k`, method: 'PUT', headers: { 'content-length': '99' }, key: 'k' })));
    const uploader = createUploader({ endpoint: ENDPOINT });
    await uploader.upload(new File(['x'], 'x.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error?.code).toBe('invalid_backend_response');
  });

  it('uses a custom getUploadUrl', async () => {
    const getUploadUrl = vi.fn(async (file: File, { contentType }: { contentType: string }) => ({
      url: `${BUCKET}/custom/${file.name}`,
      method: 'PUT' as const,
      headers: { 'content-type': contentType },
      key: `custom/${file.name}`,
    }));
    const [result] = await createUploader({ getUploadUrl }).upload(new File(['x'], 'p.png'));
    expect(getUploadUrl).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ key: 'custom/p.png', contentType: 'image/png' });
  });

  it('cancels an upload waiting for the backend, and cancel() stops the rest', async () => {
    server.use(
      http.post(ENDPOINT, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const onError = vi.fn();
    const uploader = createUploader({ endpoint: ENDPOINT, onError });
    const pending = uploader.upload([new File(['a'], 'a.txt'), new File(['b'], 'b.txt')]);
    await vi.waitFor(() => expect(uploader.getSnapshot().uploads[0]?.status).toBe('signing'));
    uploader.cancel(uploader.getSnapshot().uploads[0]!.id);
    uploader.cancel();
    expect(await pending).toEqual([]);
    expect(uploader.getSnapshot().uploads.map((u) => u.status)).toEqual(['canceled', 'canceled']);
    expect(onError).not.toHaveBeenCalled();
  });

  it('cancels through an AbortSignal', async () => {
    server.use(http.post(ENDPOINT, async () => { await delay('infinite'); return HttpResponse.json({}); }));
    const uploader = createUploader({ endpoint: ENDPOINT });
    const controller = new AbortController();
    const pending = uploader.upload(new File(['a'], 'a.txt'), { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual([]);
    expect(uploader.getSnapshot().uploads[0]?.status).toBe('canceled');
  });

  it('limits how many files run at once', async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await delay(20);
        inFlight -= 1;
        const { filename } = (await request.json()) as { filename: string };
        return HttpResponse.json({ url: `${BUCKET}/${filename}`, method: 'PUT', headers: {}, key: filename });
      }),
    );
    const files = Array.from({ length: 7 }, (_, i) => new File([String(i)], `${i}.txt`));
    const results = await createUploader({ endpoint: ENDPOINT, concurrency: 2 }).upload(files);
    expect(results).toHaveLength(7);
    expect(peak).toBe(2);
  });

  it('retries a failed file and clears finished ones', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, () => {
        calls += 1;
        // A 4xx is final (a 503 would be retried automatically).
        if (calls === 1) return HttpResponse.json({ error: { code: 'quota', message: 'Over quota' } }, { status: 409 });
        return HttpResponse.json({ url: `${BUCKET}/k`, method: 'PUT', headers: {}, key: 'k' });
      }),
    );
    const uploader = createUploader({ endpoint: ENDPOINT });
    await uploader.upload(new File(['x'], 'x.txt'));
    const { id } = uploader.getSnapshot().uploads[0]!;
    expect(uploader.getSnapshot().uploads[0]?.status).toBe('error');
    expect(await uploader.retry(id)).toMatchObject({ key: 'k' });
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ id, status: 'done' });
    uploader.clear();
    expect(uploader.getSnapshot().uploads).toEqual([]);
  });
});

describe('createUploader: retries, pause and custom multipart backends', () => {
  const fastRetry = { baseDelay: 1, maxDelay: 5 };

  it('retries a 503 from the store, showing the attempt and the error, then succeeds', async () => {
    let puts = 0;
    server.use(
      http.put(`${BUCKET}/*`, () => {
        puts += 1;
        if (puts === 1) {
          return new HttpResponse('<Error><Code>InternalError</Code></Error>', { status: 503, headers: { ...bucketCors, 'content-type': 'application/xml' } });
        }
        return new HttpResponse(null, { status: 200, headers: { ...bucketCors, etag: '"ok"' } });
      }),
    );
    const onError = vi.fn();
    const uploader = createUploader({ endpoint: ENDPOINT, retry: fastRetry, onError });
    const seen: string[] = [];
    uploader.subscribe(() => {
      const state = uploader.getSnapshot().uploads[0];
      if (state?.status === 'retrying') seen.push(`${state.status} ${state.attempt} ${state.lastError?.s3Code}`);
    });
    const [result] = await uploader.upload(new File(['x'], 'x.txt'));
    expect(result?.etag).toBe('"ok"');
    expect(seen).toEqual(['retrying 2 InternalError']);
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'done', attempt: 2 });
    expect(onError).not.toHaveBeenCalled();
  });

  it('does not retry with retry: false', async () => {
    server.use(http.put(`${BUCKET}/*`, () => new HttpResponse(null, { status: 503, headers: bucketCors })));
    const uploader = createUploader({ endpoint: ENDPOINT, retry: false });
    await uploader.upload(new File(['x'], 'x.txt'));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'store_error', status: 503 } });
    expect(uploader.getSnapshot().uploads[0]?.attempt).toBeUndefined();
  });

  it('pauses a queued upload and resumes it; upload() resolves once it is done', async () => {
    const pool = createUploadPool({ maxConnections: 1 });
    server.use(http.post(ENDPOINT, async ({ request }) => {
      const { filename } = (await request.json()) as { filename: string };
      await delay(30);
      return HttpResponse.json({ url: `${BUCKET}/${filename}`, method: 'PUT', headers: {}, key: filename });
    }));
    const uploader = createUploader({ endpoint: ENDPOINT, pool });
    const pending = uploader.upload([new File(['a'], 'a.txt'), new File(['b'], 'b.txt')]);
    const second = uploader.getSnapshot().uploads[1]!;
    expect(second.status).toBe('queued');
    uploader.pause(second.id);
    expect(uploader.getSnapshot().uploads[1]?.status).toBe('paused');
    await vi.waitFor(() => expect(uploader.getSnapshot().uploads[0]?.status).toBe('done'));
    expect(uploader.getSnapshot().uploads[1]?.status).toBe('paused');
    uploader.resume(second.id);
    expect((await pending).map((result) => result.key)).toEqual(['a.txt', 'b.txt']);
  });

  it('cancels a paused upload, and upload() resolves without it', async () => {
    server.use(http.post(ENDPOINT, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }));
    const uploader = createUploader({ endpoint: ENDPOINT });
    const pending = uploader.upload(new File(['a'], 'a.txt'));
    await vi.waitFor(() => expect(uploader.getSnapshot().uploads[0]?.status).toBe('signing'));
    uploader.pause();
    await new Promise((resolve) => setTimeout(resolve, 10));
    uploader.cancel();
    expect(await pending).toEqual([]);
    expect(uploader.getSnapshot().uploads[0]?.status).toBe('canceled');
  });

  it('uploads in parts through the app’s own multipart functions, and checks what they return', async () => {
    const partUrl = (n: number) => `${BUCKET}/big.bin?partNumber=${n}&uploadId=u1`;
    server.use(http.put(`${BUCKET}/big.bin`, ({ request }) => {
      const n = new URL(request.url).searchParams.get('partNumber');
      return new HttpResponse(null, { status: 200, headers: { ...bucketCors, etag: `"part-${n}"` } });
    }));
    const completed: unknown[] = [];
    const multipartBackend = {
      create: vi.fn(async () => ({ key: 'big.bin', uploadId: 'u1', partSize: 5 * 1024 * 1024 })),
      signParts: vi.fn(async ({ partNumbers }: { partNumbers: number[] }) => ({ parts: partNumbers.map((n) => ({ partNumber: n, url: partUrl(n), headers: {} })) })),
      complete: vi.fn(async (request: unknown) => {
        completed.push(request);
        return { key: 'big.bin', etag: '"whole-2"' };
      }),
      abort: vi.fn(async () => undefined),
    };
    const getUploadUrl = vi.fn();
    const file = new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'big.bin');
    const uploader = createUploader({ getUploadUrl, multipartBackend, multipart: { threshold: 1024 }, resume: false });
    const [result] = await uploader.upload(file);
    expect(result).toEqual({ key: 'big.bin', etag: '"whole-2"', size: file.size, contentType: 'application/octet-stream' });
    expect(getUploadUrl).not.toHaveBeenCalled();
    expect(completed).toEqual([{ key: 'big.bin', uploadId: 'u1', parts: [{ partNumber: 1, etag: '"part-1"' }, { partNumber: 2, etag: '"part-2"' }] }]);
    expect(multipartBackend.abort).not.toHaveBeenCalled();

    multipartBackend.create.mockResolvedValueOnce({ key: 'big.bin', uploadId: 'u2', partSize: 1024 });
    await uploader.upload(file);
    expect(uploader.getSnapshot().uploads[1]?.error).toMatchObject({ code: 'invalid_backend_response' });
    expect(uploader.getSnapshot().uploads[1]?.error?.message).toContain('part size');
  });

  /** An app multipart backend whose part URLs point to `host`; it records what it was asked. */
  function recordingBackend(host: string) {
    return {
      create: vi.fn(async () => ({ key: 'big.bin', uploadId: 'u1', partSize: 5 * 1024 * 1024 })),
      signParts: vi.fn(async ({ partNumbers }: { partNumbers: number[] }) => ({
        parts: partNumbers.map((n) => ({ partNumber: n, url: `${host}/big.bin?partNumber=${n}&uploadId=u1`, headers: {} })),
      })),
      complete: vi.fn(async () => ({ key: 'big.bin', etag: '"whole-2"' })),
      abort: vi.fn(async () => undefined),
    };
  }

  it('checks part URLs as it checks single-PUT URLs: a part URL outside allowedUploadOrigins is never used', async () => {
    let puts = 0;
    server.use(http.put('https://elsewhere.test/*', () => void (puts += 1)));
    const multipartBackend = recordingBackend('https://elsewhere.test');
    const uploader = createUploader({
      getUploadUrl: vi.fn(),
      multipartBackend,
      multipart: { threshold: 1024 },
      resume: false,
      allowedUploadOrigins: [BUCKET],
    });
    await uploader.upload(new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'big.bin'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'url_not_allowed' });
    expect(puts).toBe(0);
    // The multipart upload it had started is aborted, not left behind.
    expect(multipartBackend.abort).toHaveBeenCalledWith({ key: 'big.bin', uploadId: 'u1' }, expect.anything());
  });

  it('bounds every multipart call with backendTimeout, even one that ignores its signal', async () => {
    const multipartBackend = recordingBackend(BUCKET);
    multipartBackend.signParts.mockImplementation(() => new Promise(() => undefined));
    const uploader = createUploader({ getUploadUrl: vi.fn(), multipartBackend, multipart: { threshold: 1024 }, resume: false, backendTimeout: 50 });
    await uploader.upload(new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'big.bin'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'backend_timeout' });
    expect(multipartBackend.abort).toHaveBeenCalledTimes(1);
  });

  it('sends a big file as one PUT when there is no multipart backend, and refuses what one PUT cannot carry', async () => {
    const getUploadUrl = vi.fn(async (file: File) => ({ url: `${BUCKET}/${file.name}`, method: 'PUT' as const, headers: {}, key: file.name }));
    const uploader = createUploader({ getUploadUrl, multipart: { threshold: 1 } });
    const [result] = await uploader.upload(new File(['some bytes'], 'a.bin'));
    expect(result?.key).toBe('a.bin');
    const huge = new File(['x'], 'huge.mov');
    Object.defineProperty(huge, 'size', { value: 6 * 1024 ** 3 });
    await uploader.upload(huge);
    expect(uploader.getSnapshot().uploads[1]).toMatchObject({ status: 'error', error: { code: 'file_rejected' } });
    expect(getUploadUrl).toHaveBeenCalledTimes(1);
  });
});
