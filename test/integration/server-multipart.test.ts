import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListPartsAnswer, MultipartUpload, SignPartsAnswer } from '../../src/core/protocol/multipart-protocol.ts';
import type { ProtocolErrorBody } from '../../src/core/protocol/upload-protocol.ts';
import { createR2UploadHandler, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { signToken, verifyToken } from '../../src/server/multipart-token.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { startS3Proxy, type S3Proxy } from '../support/s3-proxy.ts';
import { askForUpload, md5Hex, randomBody, s3Code } from '../support/upload-requests.ts';

/*
 * The multipart routes of createR2UploadHandler against Miniflare: what a
 * Python or Go backend must answer, checked through the JSON protocol alone.
 */

const MiB = 1024 * 1024;
let r2: LocalR2;
let proxy: S3Proxy;

beforeAll(async () => {
  r2 = await startLocalR2();
  proxy = await startS3Proxy(r2.endpoint, { store: r2 });
});
afterAll(async () => {
  await proxy?.close();
  await r2?.dispose();
});

type Handler = (request: Request) => Promise<Response>;
const handlerFor = (options: Partial<R2UploadHandlerOptions> = {}) => createR2UploadHandler({ ...r2, endpoint: proxy.endpoint, ...options });

function call(handler: Handler, action: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return handler(
    new Request(`http://app.test/api/upload?action=${action}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
  );
}

async function ok<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function refused(response: Response, status: number, code: string): Promise<ProtocolErrorBody> {
  const body = (await response.json()) as ProtocolErrorBody;
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  return body;
}

const create = (handler: Handler, size: number, partSize = 5 * MiB, headers: Record<string, string> = {}) =>
  call(handler, 'multipart-create', { filename: 'clip.mp4', contentType: 'video/mp4', size, partSize }, headers);

describe('multipart-create', () => {
  it('starts a multipart upload and answers key, uploadId, partSize and a token', async () => {
    const upload = await ok<MultipartUpload>(await create(handlerFor(), 12 * MiB));
    expect(upload.key).toMatch(/^uploads\/[0-9a-f-]{36}\/clip\.mp4$/);
    expect(upload.partSize).toBe(5 * MiB);
    expect(upload.uploadId.length).toBeGreaterThan(10);
    expect(typeof upload.token).toBe('string');
    expect(await r2.listMultipartUploads()).toContainEqual({ key: upload.key, uploadId: upload.uploadId });
    await call(handlerFor(), 'multipart-abort', upload);
  });

  it('applies the upload policy, and R2’s part rules to the part size', async () => {
    await refused(await create(handlerFor({ maxFileSize: 10 * MiB }), 12 * MiB), 413, 'file_too_large');
    await refused(await create(handlerFor({ allowedContentTypes: ['image/*'] }), 12 * MiB), 415, 'content_type_not_allowed');
    expect((await refused(await create(handlerFor(), 12 * MiB, 4 * MiB), 400, 'invalid_request')).error.message).toContain('at least');
    await refused(await create(handlerFor(), 100 * 1024 * MiB, 5 * MiB), 400, 'invalid_request');
    await refused(await call(handlerFor(), 'multipart-create', { filename: 'a', contentType: 'video/mp4', size: 1 }), 400, 'invalid_request');
  });

  it('accepts files beyond a single PUT, which the single-PUT route refuses, pointing to multipart', async () => {
    const size = 6 * 1024 * MiB;
    const single = await refused(await askForUpload(handlerFor(), { filename: 'big.mov', contentType: 'video/quicktime', size }), 413, 'file_too_large');
    expect(single.error.message).toContain('multipart');
    const upload = await ok<MultipartUpload>(await create(handlerFor(), size, 8 * MiB));
    await ok(await call(handlerFor(), 'multipart-abort', upload));
  });
});

describe('multipart-sign-parts, -complete, -list-parts and -abort', () => {
  it('signs several parts in one request, each binding its exact size, and completes them into the exact bytes', async () => {
    const handler = handlerFor();
    const bytes = randomBody(11 * MiB + 3);
    const upload = await ok<MultipartUpload>(await create(handler, bytes.length));
    const { parts } = await ok<SignPartsAnswer>(await call(handler, 'multipart-sign-parts', { ...upload, partNumbers: [3, 1, 2] }));
    expect(parts.map((part) => [part.partNumber, part.headers['content-length']])).toEqual([
      [3, String(MiB + 3)],
      [1, String(5 * MiB)],
      [2, String(5 * MiB)],
    ]);
    for (const part of parts) {
      const url = new URL(part.url);
      expect(url.origin).toBe(proxy.origin);
      expect(url.searchParams.get('partNumber')).toBe(String(part.partNumber));
      expect(url.searchParams.get('uploadId')).toBe(upload.uploadId);
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
    }

    // The size is signed: a body of another length is refused by the store (a small one, which
    // is all sent before the store answers: it refuses a large one mid-body by closing the connection).
    const [third, first, second] = parts;
    const wrong = await fetch(third!.url, { method: 'PUT', body: bytes.slice(0, 10) });
    expect(wrong.status).toBe(403);
    expect(s3Code(await wrong.text())).toBe('SignatureDoesNotMatch');

    const etags: string[] = [];
    for (const [part, start] of [[first!, 0], [second!, 5 * MiB], [third!, 10 * MiB]] as const) {
      const put = await fetch(part.url, { method: 'PUT', body: bytes.slice(start, start + 5 * MiB) });
      expect(put.status).toBe(200);
      etags.push(put.headers.get('etag')!);
    }

    const listed = await ok<ListPartsAnswer>(await call(handler, 'multipart-list-parts', upload));
    expect(listed.parts).toEqual([
      { partNumber: 1, etag: etags[0], size: 5 * MiB },
      { partNumber: 2, etag: etags[1], size: 5 * MiB },
      { partNumber: 3, etag: etags[2], size: MiB + 3 },
    ]);

    const incomplete = [{ partNumber: 1, etag: etags[0] }, { partNumber: 2, etag: etags[1] }];
    await refused(await call(handler, 'multipart-complete', { ...upload, parts: incomplete }), 400, 'invalid_request');
    const wrongEtag = [...incomplete, { partNumber: 3, etag: '"nope"' }];
    await refused(await call(handler, 'multipart-complete', { ...upload, parts: wrongEtag }), 400, 'invalid_part');

    const parts3 = etags.map((etag, i) => ({ partNumber: i + 1, etag }));
    const completed = await ok<{ key: string; etag: string }>(await call(handler, 'multipart-complete', { ...upload, parts: parts3 }));
    expect(completed.key).toBe(upload.key);
    expect(completed.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    const stored = await r2.getObject(upload.key);
    expect(md5Hex(stored!.bytes)).toBe(md5Hex(bytes));
    expect(stored?.contentType).toBe('video/mp4');
    expect((await r2.listMultipartUploads()).filter((incomplete) => incomplete.key === upload.key)).toEqual([]);
  });

  it('refuses part numbers it cannot sign', async () => {
    const handler = handlerFor();
    const upload = await ok<MultipartUpload>(await create(handler, 12 * MiB));
    const sign = (partNumbers: unknown) => call(handler, 'multipart-sign-parts', { ...upload, partNumbers });
    expect((await refused(await sign([4]), 400, 'invalid_request')).error.message).toContain('beyond the 3 parts');
    await refused(await sign([1, 1]), 400, 'invalid_request');
    await refused(await sign([]), 400, 'invalid_request');
    await refused(await sign([0]), 400, 'invalid_request');
    await refused(await sign(Array.from({ length: 101 }, (_, i) => i + 1)), 400, 'invalid_request');
    await ok(await call(handler, 'multipart-abort', upload));
  });

  it('aborts (twice is fine), after which the upload is gone', async () => {
    const handler = handlerFor();
    const upload = await ok<MultipartUpload>(await create(handler, 12 * MiB));
    expect(await ok(await call(handler, 'multipart-abort', upload))).toEqual({});
    expect(await ok(await call(handler, 'multipart-abort', upload))).toEqual({});
    await refused(await call(handler, 'multipart-list-parts', upload), 404, 'no_such_upload');
    expect((await r2.listMultipartUploads()).filter((incomplete) => incomplete.key === upload.key)).toEqual([]);
  });

  it('answers 501 for list-parts when the store lacks ListParts (bare Miniflare)', async () => {
    const direct = createR2UploadHandler({ ...r2 });
    const upload = await ok<MultipartUpload>(await create(direct, 12 * MiB));
    await refused(await call(direct, 'multipart-list-parts', upload), 501, 'not_implemented');
    await ok(await call(direct, 'multipart-abort', upload));
  });
});

describe('the multipart token', () => {
  it('binds the upload: no token, a forged one, or another upload’s is refused', async () => {
    const handler = handlerFor();
    const upload = await ok<MultipartUpload>(await create(handler, 12 * MiB));
    const other = await ok<MultipartUpload>(await create(handler, 12 * MiB));
    const sign = (body: unknown) => call(handler, 'multipart-sign-parts', { partNumbers: [1], ...(body as object) });
    await refused(await sign({ key: upload.key, uploadId: upload.uploadId }), 400, 'invalid_token');
    await refused(await sign({ ...upload, token: `${upload.token}x` }), 400, 'invalid_token');
    await refused(await sign({ ...upload, uploadId: other.uploadId }), 400, 'invalid_token');
    const forged = await signToken({ key: upload.key, uploadId: upload.uploadId, size: 10 ** 12, partSize: 5 * MiB, expiresAt: 2e9 }, 'not the secret');
    await refused(await sign({ ...upload, token: forged }), 400, 'invalid_token');
    for (const each of [upload, other]) await ok(await call(handler, 'multipart-abort', each));
  });

  it('expires, and carries what create approved', async () => {
    const claims = { key: 'k', uploadId: 'u', size: 10, partSize: 5, expiresAt: 1000 };
    const token = await signToken(claims, 'secret');
    expect(await verifyToken(token, 'secret', 999_000)).toEqual(claims);
    await expect(verifyToken(token, 'secret', 1_000_000)).rejects.toMatchObject({ status: 400, code: 'invalid_token' });
    await expect(verifyToken('a.b.c', 'secret')).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('keeps each user to their own uploads when authorize confines keys', async () => {
    const handler = handlerFor({ authorize: (request) => ({ prefix: `users/${request.headers.get('x-user') ?? 'anonymous'}` }) });
    const upload = await ok<MultipartUpload>(await create(handler, 12 * MiB, 5 * MiB, { 'x-user': 'alice' }));
    expect(upload.key.startsWith('users/alice/')).toBe(true);
    await refused(await call(handler, 'multipart-sign-parts', { ...upload, partNumbers: [1] }, { 'x-user': 'mallory' }), 403, 'forbidden');
    await refused(await call(handler, 'multipart-abort', upload, { 'x-user': 'mallory' }), 403, 'forbidden');
    await ok(await call(handler, 'multipart-abort', upload, { 'x-user': 'alice' }));
  });

  it('refuses an unknown action', async () => {
    await refused(await call(handlerFor(), 'multipart-explode', {}), 400, 'unknown_action');
  });
});
