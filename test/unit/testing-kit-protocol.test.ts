import { setupServer } from 'msw/node';
import type { CompleteMultipartAnswer, ListPartsAnswer, MultipartUpload, SignPartsAnswer } from '../../src/core/protocol/multipart-protocol.ts';
import type { SignBatchAnswer, UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { createFakeBucket, createPresignHandlers, md5Hex, multipartEtag } from '../../src/testing/index.ts';

/*
 * The fake backend speaks the protocol of createR2UploadHandler: sign-batch
 * and the five multipart operations, against the fake bucket, whose parts
 * and CompleteMultipartUpload behave as R2's.
 */

const endpoint = 'https://app.test/api/uploads';
const bucket = createFakeBucket();
const server = setupServer(...createPresignHandlers({ endpoint, bucket }), ...bucket.handlers);
const MiB = 1024 * 1024;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  bucket.reset();
});
afterAll(() => server.close());

async function call<T>(action: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${endpoint}${action ? `?action=${action}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const putPart = (url: string, bytes: Uint8Array) => fetch(url, { method: 'PUT', body: new Uint8Array(bytes) });
const bytesOf = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, index) => (index * 31 + seed) & 0xff);

describe('the fake backend: keys', () => {
  it('gives two files with the same name different keys, as the real handler does, so neither overwrites the other', async () => {
    const first = await call<UploadTarget>('', { filename: 'photo.jpg', contentType: 'image/jpeg', size: 1 });
    const second = await call<UploadTarget>('', { filename: 'photo.jpg', contentType: 'image/jpeg', size: 1 });
    expect(first.body.key).not.toBe(second.body.key);
    await fetch(first.body.url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: 'a' });
    await fetch(second.body.url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: 'b' });
    expect(bucket.objects().map((object) => new TextDecoder().decode(object.bytes))).toEqual(['a', 'b']);
    expect(bucket.find('photo.jpg')?.key).toBe(second.body.key);
  });
});

describe('the fake backend: sign-batch', () => {
  it('signs every file, refuses per file what reject refuses, and each URL enforces its own Content-Type', async () => {
    server.use(
      ...createPresignHandlers({
        endpoint,
        bucket,
        reject: ({ contentType }, { action }) => (contentType === 'text/html' ? { status: 415, code: 'content_type_not_allowed', message: `No HTML (${action}).` } : undefined),
      }),
    );
    const { status, body } = await call<SignBatchAnswer>('sign-batch', {
      files: [
        { filename: 'a.png', contentType: 'image/png', size: 1 },
        { filename: 'b.html', contentType: 'text/html', size: 1 },
        { filename: 'c.txt', contentType: 'text/plain', size: 1 },
        { filename: '', contentType: 'text/plain', size: 1 },
      ],
    });
    expect(status).toBe(200);
    expect(body.files[1]).toEqual({ status: 415, error: { code: 'content_type_not_allowed', message: 'No HTML (sign-batch).' } });
    expect(body.files[3]).toMatchObject({ status: 400, error: { code: 'bad_request' } });
    const [png, , text] = body.files as UploadTarget[];
    expect((await fetch(png!.url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(403);
    expect((await fetch(png!.url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: 'p' })).status).toBe(200);
    expect((await fetch(text!.url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 't' })).status).toBe(200);
    expect(bucket.find('a.png')?.contentType).toBe('image/png');
    expect(bucket.find('c.txt')?.etag).toBe(`"${md5Hex('t')}"`);
  });

  it('answers 400 for an empty batch, more than 100 files or a malformed body', async () => {
    const file = { filename: 'a.txt', contentType: 'text/plain', size: 1 };
    for (const body of [{ files: [] }, { files: Array.from({ length: 101 }, () => file) }, { file }]) {
      expect((await call('sign-batch', body)).status).toBe(400);
    }
  });

  it('answers 400 unknown_action with batch: false, as a backend without batch signing does', async () => {
    server.use(...createPresignHandlers({ endpoint, bucket, batch: false }));
    expect(await call('sign-batch', { files: [{ filename: 'a.txt', contentType: 'text/plain', size: 1 }] })).toEqual({
      status: 400,
      body: { error: { code: 'unknown_action', message: expect.any(String) } },
    });
  });
});

describe('the fake backend: multipart', () => {
  const size = 5 * MiB + 10;
  const partSize = 5 * MiB;

  it('creates, signs parts, lists them, and completes with the "<md5 of the part MD5s>-N" ETag', async () => {
    const created = await call<MultipartUpload>('multipart-create', { filename: 'movie.mp4', contentType: 'video/mp4', size, partSize });
    expect(created.status).toBe(200);
    const { key, uploadId } = created.body;
    expect(key).toMatch(/^uploads\/[0-9a-f-]{36}\/movie\.mp4$/);
    const signed = await call<SignPartsAnswer>('multipart-sign-parts', { key, uploadId, size, partSize, partNumbers: [1, 2] });
    expect(signed.body.parts.map((part) => part.headers)).toEqual([{ 'content-length': String(partSize) }, { 'content-length': '10' }]);

    const parts = [bytesOf(partSize, 1), bytesOf(10, 2)];
    const etags: string[] = [];
    for (const [index, part] of signed.body.parts.entries()) {
      const response = await putPart(part.url, parts[index]!);
      expect(response.status).toBe(200);
      etags.push(response.headers.get('etag')!);
    }
    expect(etags).toEqual(parts.map((part) => `"${md5Hex(part)}"`));
    expect((await call<ListPartsAnswer>('multipart-list-parts', { key, uploadId })).body.parts).toEqual([
      { partNumber: 1, etag: etags[0], size: partSize },
      { partNumber: 2, etag: etags[1], size: 10 },
    ]);
    expect(bucket.multipartUploads()).toHaveLength(1);

    const completed = await call<CompleteMultipartAnswer>('multipart-complete', { key, uploadId, parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })) });
    const expected = multipartEtag(parts.map((part) => md5Hex(part)));
    expect(completed).toEqual({ status: 200, body: { key, etag: expected } });
    expect(expected).toMatch(/^"[0-9a-f]{32}-2"$/);
    const stored = bucket.get(key)!;
    expect(stored).toMatchObject({ contentType: 'video/mp4', etag: expected });
    expect(Buffer.from(stored.bytes).equals(Buffer.concat(parts))).toBe(true);
    expect(bucket.multipartUploads()).toEqual([]);
  });

  it('refuses to complete with a wrong ETag (400 invalid_part) or a small middle part, as R2 does', async () => {
    const { key, uploadId } = (await call<MultipartUpload>('multipart-create', { filename: 'a.bin', contentType: 'application/octet-stream', size, partSize })).body;
    const signed = (await call<SignPartsAnswer>('multipart-sign-parts', { key, uploadId, size, partSize, partNumbers: [1, 2] })).body.parts;
    await putPart(signed[0]!.url, bytesOf(partSize, 3));
    const tail = await putPart(signed[1]!.url, bytesOf(10, 4));
    const wrong = await call('multipart-complete', { key, uploadId, parts: [{ partNumber: 1, etag: '"nope"' }, { partNumber: 2, etag: tail.headers.get('etag') }] });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'invalid_part' } } });
    expect(bucket.get(key)).toBeUndefined();

    const small = bucket.createMultipartUpload('small.bin');
    const first = await putPart(bucket.presignPart('small.bin', small, 1).url, bytesOf(10, 5));
    const second = await putPart(bucket.presignPart('small.bin', small, 2).url, bytesOf(10, 6));
    expect(() => bucket.completeMultipartUpload('small.bin', small, [
      { partNumber: 1, etag: first.headers.get('etag')! },
      { partNumber: 2, etag: second.headers.get('etag')! },
    ])).toThrow(expect.objectContaining({ s3Code: 'EntityTooSmall', status: 400 }));
  });

  it('aborts: the upload and its parts are gone, later calls answer 404 no_such_upload', async () => {
    const { key, uploadId } = (await call<MultipartUpload>('multipart-create', { filename: 'a.bin', contentType: 'application/octet-stream', size, partSize })).body;
    expect(await call('multipart-abort', { key, uploadId })).toEqual({ status: 200, body: {} });
    expect(bucket.multipartUploads()).toEqual([]);
    expect(await call('multipart-abort', { key, uploadId })).toEqual({ status: 200, body: {} });
    expect(await call('multipart-list-parts', { key, uploadId })).toMatchObject({ status: 404, body: { error: { code: 'no_such_upload' } } });
    expect(await call('multipart-sign-parts', { key, uploadId, size, partSize, partNumbers: [1] })).toMatchObject({ status: 404 });
  });

  it('refuses parts beyond the plan, a part size R2 does not take, and what reject refuses', async () => {
    server.use(...createPresignHandlers({ endpoint, bucket, reject: (file, { action }) => (file.filename === 'no.bin' ? { status: 422, code: 'validation_failed', message: action } : undefined) }));
    expect(await call('multipart-create', { filename: 'a.bin', contentType: 'application/octet-stream', size, partSize: 1024 })).toMatchObject({ status: 400 });
    expect(await call('multipart-create', { filename: 'no.bin', contentType: 'application/octet-stream', size, partSize })).toEqual({
      status: 422,
      body: { error: { code: 'validation_failed', message: 'multipart-create' } },
    });
    const { key, uploadId } = (await call<MultipartUpload>('multipart-create', { filename: 'a.bin', contentType: 'application/octet-stream', size, partSize })).body;
    expect(await call('multipart-sign-parts', { key, uploadId, size, partSize, partNumbers: [3] })).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });

  it('completes over HTTP too: POST <key>?uploadId= with the S3 XML answers CompleteMultipartUploadResult', async () => {
    const uploadId = bucket.createMultipartUpload('dir/x & y.bin', 'application/pdf');
    const put = await putPart(bucket.presignPart('dir/x & y.bin', uploadId, 1).url, bytesOf(3, 7));
    const etag = put.headers.get('etag')!;
    const response = await fetch(`${bucket.url}/dir/x%20%26%20y.bin?uploadId=${uploadId}`, {
      method: 'POST',
      body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag.replace(/"/g, '&quot;')}</ETag></Part></CompleteMultipartUpload>`,
    });
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`<ETag>${multipartEtag([md5Hex(bytesOf(3, 7))])}</ETag>`);
    expect(bucket.get('dir/x & y.bin')?.contentType).toBe('application/pdf');
  });

  it('answers 501 for multipart when given only a bucket URL (the parts need a fake bucket)', async () => {
    server.use(...createPresignHandlers({ endpoint, bucket: 'https://elsewhere.test' }));
    expect(await call('multipart-create', { filename: 'a.bin', contentType: 'application/octet-stream', size, partSize })).toMatchObject({ status: 501 });
  });
});

describe('the fake bucket: failures of parts', () => {
  it('fails, drops and hides the ETag of part PUTs, matching the part number', async () => {
    const uploadId = bucket.createMultipartUpload('a.bin');
    const part = (n: number) => bucket.presignPart('a.bin', uploadId, n).url;
    bucket.failNext({ status: 500, s3Code: 'InternalError', partNumber: 2 });
    bucket.dropNext({ partNumber: 3 });
    expect((await putPart(part(1), bytesOf(1, 1))).status).toBe(200);
    const failed = await putPart(part(2), bytesOf(1, 2));
    expect(failed.status).toBe(500);
    expect(await failed.text()).toContain('<Code>InternalError</Code>');
    await expect(putPart(part(3), bytesOf(1, 3))).rejects.toThrow();
    bucket.hideEtag();
    const hidden = await putPart(part(2), bytesOf(1, 2));
    expect(hidden.status).toBe(200);
    expect(hidden.headers.get('etag')).toBeNull();
    expect(bucket.listParts('a.bin', uploadId).map((stored) => stored.partNumber)).toEqual([1, 2]);
  });

  it('answers NoSuchUpload for a part of an unknown upload', async () => {
    const response = await putPart(`${bucket.url}/a.bin?partNumber=1&uploadId=nope`, bytesOf(1, 1));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchUpload</Code>');
  });
});
