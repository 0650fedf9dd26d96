import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import type { UploadTarget, UploadUrlRequest } from '../../src/core/protocol/upload-protocol.ts';
import type { UploaderOptions } from '../../src/core/engine/types.ts';
import { createFakeBucket } from '../../src/testing/index.ts';

/*
 * The uploader's safety nets, against msw: rules refuse files before the
 * backend sees them, the backend gets a time limit, and upload URLs are
 * checked before anything is sent to them.
 */

const ENDPOINT = 'http://localhost:3000/api/upload';
const bucket = createFakeBucket();
const BUCKET = bucket.url;

/** What the backend was asked for, per test. */
const asked: UploadUrlRequest[] = [];
/** The keys the bucket stored, in order. */
const put = () => bucket.keys();
/** Turns a request into the target the backend answers; tests replace it. */
let sign: (request: UploadUrlRequest) => UploadTarget = (request) => ({
  url: `${BUCKET}/${encodeURIComponent(request.filename)}`,
  method: 'PUT',
  headers: { 'content-type': request.contentType },
  key: request.filename,
});

const server = setupServer(
  http.post(ENDPOINT, async ({ request }) => {
    const body = (await request.json()) as UploadUrlRequest | { files: UploadUrlRequest[] };
    // Files waiting together are signed in one sign-batch request.
    if ('files' in body) {
      asked.push(...body.files);
      return HttpResponse.json({ files: body.files.map((file) => sign(file)) });
    }
    asked.push(body);
    return HttpResponse.json(sign(body));
  }),
  ...bucket.handlers,
);
const defaultSign = sign;
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  asked.length = 0;
  bucket.reset();
  sign = defaultSign;
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const txt = (name: string, size = 3, type = 'text/plain') => new File(['x'.repeat(size)], name, { type });
const statuses = (uploader: ReturnType<typeof createUploader>) => uploader.getSnapshot().uploads.map((u) => `${u.name}:${u.status}${u.error ? `:${u.error.reason ?? u.error.code}` : ''}`);
const make = (options: Partial<UploaderOptions> = {}) => createUploader({ endpoint: ENDPOINT, ...options } as UploaderOptions);

describe('rules', () => {
  it('refuse files before the backend sees them, and the rest of the batch uploads', async () => {
    const onError = vi.fn();
    const uploader = make({ accept: ['image/*', '.pdf'], maxFileSize: 100, minFileSize: 1, onError });
    const files = [
      new File(['png'], 'cat.png', { type: 'image/png' }),
      txt('notes.txt'),
      new File([''], 'empty.png', { type: 'image/png' }),
      new File(['x'.repeat(101)], 'big.png', { type: 'image/png' }),
      new File(['<html>'], 'invoice.html', { type: 'image/png' }),
      new File(['%PDF'], 'doc.pdf', { type: '' }),
    ];
    const results = await uploader.upload(files);
    expect(results.map((r) => r.key)).toEqual(['cat.png', 'doc.pdf']);
    expect(asked.map((r) => r.filename).sort()).toEqual(['cat.png', 'doc.pdf']);
    expect(put()).toEqual(['cat.png', 'doc.pdf']);
    expect(statuses(uploader)).toEqual([
      'cat.png:done',
      'notes.txt:error:content_type_not_allowed',
      'empty.png:error:file_too_small',
      'big.png:error:file_too_large',
      'invoice.html:error:type_mismatch',
      'doc.pdf:done',
    ]);
    expect(onError).toHaveBeenCalledTimes(4);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'file_rejected', reason: 'content_type_not_allowed', message: expect.stringContaining('text/plain') });
    expect(onError.mock.calls[0]?.[1]).toBe(files[1]);
  });

  it('check the Content-Type that will be signed: an untyped file is judged by its extension', async () => {
    const uploader = make({ accept: 'image/*' });
    await uploader.upload([new File(['x'], 'photo.jpg', { type: '' }), new File(['x'], 'script.js', { type: '' })]);
    expect(statuses(uploader)).toEqual(['photo.jpg:done', 'script.js:error:content_type_not_allowed']);
    expect(asked).toEqual([{ filename: 'photo.jpg', contentType: 'image/jpeg', size: 1 }]);
  });

  it('count maxFiles per batch and in total; failed, refused and cleared files free their place', async () => {
    const uploader = make({ maxFiles: 2, accept: 'text/*' });
    await uploader.upload([txt('1.txt'), new File(['x'], 'no.exe', { type: 'application/x-msdownload' }), txt('2.txt'), txt('3.txt')]);
    expect(statuses(uploader)).toEqual(['1.txt:done', 'no.exe:error:content_type_not_allowed', '2.txt:done', '3.txt:error:too_many_files']);
    await uploader.upload(txt('4.txt'));
    expect(statuses(uploader).at(-1)).toBe('4.txt:error:too_many_files');
    expect(uploader.getSnapshot().uploads.at(-1)?.error?.message).toBe('At most 2 files may be uploaded.');
    uploader.clear();
    await uploader.upload([txt('5.txt'), txt('6.txt'), txt('7.txt')]);
    expect(statuses(uploader)).toEqual(['5.txt:done', '6.txt:done', '7.txt:error:too_many_files']);
    expect(asked.map((r) => r.filename).sort()).toEqual(['1.txt', '2.txt', '5.txt', '6.txt']);
  });

  it('are checked again on retry: a refused file stays refused without a request, a file over maxFiles goes once there is room', async () => {
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        const body = (await request.json()) as UploadUrlRequest;
        asked.push(body);
        if (body.filename === 'a.txt') return HttpResponse.json({ error: { code: 'busy', message: 'Busy' } }, { status: 503 });
        return HttpResponse.json(sign(body));
      }),
    );
    const uploader = make({ maxFiles: 1, maxFileSize: 5, retry: false });
    await uploader.upload([txt('a.txt'), txt('b.txt'), txt('big.txt', 6)]);
    expect(statuses(uploader)).toEqual(['a.txt:error:backend_error', 'b.txt:error:too_many_files', 'big.txt:error:file_too_large']);
    const [, b, big] = uploader.getSnapshot().uploads;
    expect(await uploader.retry(big!.id)).toBeUndefined();
    expect(statuses(uploader).at(-1)).toBe('big.txt:error:file_too_large');
    expect(asked.map((r) => r.filename)).toEqual(['a.txt']);
    // a.txt failed, so it holds no place any more.
    expect(await uploader.retry(b!.id)).toMatchObject({ key: 'b.txt' });
    expect(statuses(uploader)).toEqual(['a.txt:error:backend_error', 'b.txt:done', 'big.txt:error:file_too_large']);
  });

  it('run validate on the file itself, after the other rules; its message refuses the file, a throw fails it as the app\'s own error', async () => {
    const validate = vi.fn(async (file: File) => {
      await delay(5);
      if (file.name.startsWith('blurry')) return 'This photo is too blurry.';
      if (file.name.startsWith('boom')) throw new Error('Could not read the file.');
      return undefined;
    });
    const uploader = make({ validate, maxFileSize: 5 });
    await uploader.upload([txt('sharp.txt'), txt('blurry.txt'), txt('boom.txt'), txt('huge.txt', 6)]);
    expect(statuses(uploader)).toEqual(['sharp.txt:done', 'blurry.txt:error:validation_failed', 'boom.txt:error:app_callback_error', 'huge.txt:error:file_too_large']);
    expect(uploader.getSnapshot().uploads[1]?.error?.message).toBe('This photo is too blurry.');
    expect(uploader.getSnapshot().uploads[2]?.error?.message).toBe("The app's validate threw: Could not read the file.");
    expect(validate.mock.calls.map(([file]) => file.name)).toEqual(['sharp.txt', 'blurry.txt', 'boom.txt']);
    expect(asked.map((r) => r.filename)).toEqual(['sharp.txt']);
  });

  it('show the backend refusing by the same rules as a refusal, with its reason', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ error: { code: 'file_too_large', message: 'Files may be at most 1 KB, and this one is 2 KB.' } }, { status: 413 })));
    const uploader = make();
    await uploader.upload(txt('a.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large', backendCode: 'file_too_large', status: 413 });
  });
});

describe('the backend timeout', () => {
  it('fails a backend that does not answer in time, and the next file still uploads', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        // A backend without sign-batch: the batch attempt is not a signing call.
        if (new URL(request.url).searchParams.has('action')) return HttpResponse.json({ error: { code: 'not_found', message: 'No route' } }, { status: 404 });
        calls += 1;
        const body = (await request.json()) as UploadUrlRequest;
        if (body.filename === 'slow.txt') await delay('infinite');
        return HttpResponse.json(sign(body));
      }),
    );
    const uploader = make({ backendTimeout: 50, concurrency: 1 });
    const started = performance.now();
    await uploader.upload([txt('slow.txt'), txt('fast.txt')]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(statuses(uploader)).toEqual(['slow.txt:error:backend_timeout', 'fast.txt:done']);
    expect(uploader.getSnapshot().uploads[0]?.error?.message).toBe('The upload backend did not answer within 0.05 seconds.');
    expect(uploader.getSnapshot().uploads[0]?.error?.hint).toContain('backendTimeout');
    expect(calls).toBe(2);
  });

  it('also bounds a getUploadUrl that ignores its signal', async () => {
    const getUploadUrl = vi.fn((_file: File, { signal }: { signal: AbortSignal }) => {
      expect(signal.aborted).toBe(false);
      return new Promise<UploadTarget>(() => {});
    });
    const uploader = createUploader({ getUploadUrl, backendTimeout: 30 });
    await uploader.upload(txt('a.txt'));
    expect(statuses(uploader)).toEqual(['a.txt:error:backend_timeout']);
    expect(getUploadUrl.mock.calls[0]?.[1].signal.aborted).toBe(true);
  });

  it('is a cancel, not a timeout, when the user cancels first', async () => {
    server.use(http.post(ENDPOINT, async () => { await delay('infinite'); return HttpResponse.json({}); }));
    const onError = vi.fn();
    const uploader = make({ backendTimeout: 5_000, onError });
    const pending = uploader.upload(txt('a.txt'));
    await vi.waitFor(() => expect(uploader.getSnapshot().uploads[0]?.status).toBe('signing'));
    uploader.cancel();
    await pending;
    expect(statuses(uploader)).toEqual(['a.txt:canceled']);
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('upload URLs are checked before anything is sent', () => {
  it.each([
    ['an http: URL to another host', 'http://bucket.example/a.txt', {}, 'insecure_url'],
    ['a URL outside allowedUploadOrigins', 'https://other.example/a.txt', { allowedUploadOrigins: [BUCKET] }, 'url_not_allowed'],
    ['the AWS SDK empty-body checksum', `${BUCKET}/a.txt?x-amz-checksum-crc32=AAAAAA%3D%3D`, {}, 'empty_body_checksum'],
  ] as const)('%s', async (_name, badUrl, policy, code) => {
    sign = (request) => (request.filename === 'a.txt' ? { ...defaultSign(request), url: badUrl } : defaultSign(request));
    const uploader = make(policy);
    await uploader.upload([txt('a.txt'), txt('b.txt')]);
    expect(statuses(uploader)).toEqual([`a.txt:error:${code}`, 'b.txt:done']);
    expect(put()).toEqual(['b.txt']);
  });

  it('warn through onWarning, or the console once, when Content-Type is not signed for an app that restricts types', async () => {
    sign = (request) => ({ ...defaultSign(request), url: `${BUCKET}/${request.filename}?X-Amz-SignedHeaders=host` });
    const onWarning = vi.fn();
    const files = [txt('a.txt'), txt('b.txt')];
    await make({ accept: 'text/*', onWarning }).upload(files);
    expect(onWarning).toHaveBeenCalledTimes(2);
    expect(onWarning).toHaveBeenCalledWith(expect.objectContaining({ code: 'content_type_not_signed' }), files[0]);
    expect(put().sort()).toEqual(['a.txt', 'b.txt']);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await make({ accept: 'text/*' }).upload([txt('c.txt'), txt('d.txt')]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('allHeaders: true');
  });

  it('explain SignatureDoesNotMatch from what the URL signs', async () => {
    sign = (request) => ({ ...defaultSign(request), url: `${BUCKET}/${request.filename}?X-Amz-SignedHeaders=content-type%3Bhost`, headers: {} });
    bucket.failNext({ status: 403, s3Code: 'SignatureDoesNotMatch' });
    const uploader = make();
    await uploader.upload(txt('a.txt'));
    expect(uploader.getSnapshot().uploads[0]?.error?.hint).toContain('a Content-Type other than the signed one (this upload sent text/plain');
  });
});
