import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MultipartUpload, SignPartsAnswer } from '../../src/core/protocol/multipart-protocol.ts';
import type { CompleteUploadAnswer, ProtocolErrorBody, UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { signToken } from '../../src/server/multipart-token.ts';
import { createR2UploadHandler, UploadCompleteError, type CompletedUpload, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { askForUpload, putTo, randomBody, targetFrom } from '../support/upload-requests.ts';

/*
 * Verified completion (`onUploadComplete`, `POST ?action=complete`) against
 * Miniflare: the handler checks the object in the bucket itself, then runs
 * the app's code, and cleans up when that code fails.
 */

const MiB = 1024 * 1024;
let r2: LocalR2;

beforeAll(async () => {
  r2 = await startLocalR2();
});
afterAll(async () => {
  await r2?.dispose();
});

type Handler = (request: Request) => Promise<Response>;
const handlerFor = (options: Partial<R2UploadHandlerOptions> = {}) => createR2UploadHandler({ ...r2, ...options });

function action(handler: Handler, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return handler(new Request(`http://app.test/api/upload?action=${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
}

async function refused(response: Response, status: number, code: string): Promise<ProtocolErrorBody> {
  const body = (await response.json()) as ProtocolErrorBody;
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  return body;
}

/** Signs and PUTs a small PNG; its target (with the completion token) and the ETag the bucket answered. */
async function uploaded(handler: Handler, headers: Record<string, string> = {}, bytes = randomBody(1234)): Promise<{ target: UploadTarget; etag: string }> {
  const target = await targetFrom(await askForUpload(handler, { filename: 'photo (1) ü.png', contentType: 'image/png', size: bytes.length }, { headers }));
  const put = await putTo(target, bytes);
  expect(put.status).toBe(200);
  return { target, etag: put.headers.get('etag')! };
}

describe('completion tokens', () => {
  it('are signed into every upload target and multipart upload only when onUploadComplete is set', async () => {
    const plain = await targetFrom(await askForUpload(handlerFor(), { filename: 'a.png', contentType: 'image/png', size: 1 }));
    expect(plain.completion).toBeUndefined();
    const verified = handlerFor({ onUploadComplete: () => undefined });
    const target = await targetFrom(await askForUpload(verified, { filename: 'a.png', contentType: 'image/png', size: 1 }));
    expect(target.completion).toMatch(/\.[0-9a-f]{64}$/);
    const batch = (await (await action(verified, 'sign-batch', { files: [{ filename: 'b.png', contentType: 'image/png', size: 2 }] })).json()) as { files: UploadTarget[] };
    expect(batch.files[0]!.completion).toMatch(/\.[0-9a-f]{64}$/);
    const upload = (await (await action(verified, 'multipart-create', { filename: 'c.mp4', contentType: 'video/mp4', size: 6 * MiB, partSize: 5 * MiB })).json()) as MultipartUpload;
    expect(upload.completion).toMatch(/\.[0-9a-f]{64}$/);
    await action(verified, 'multipart-abort', upload);
  });
});

describe('POST ?action=complete', () => {
  it('checks the stored object, runs onUploadComplete once with what the bucket holds, and answers its result as serverData', async () => {
    const seen: Array<Omit<CompletedUpload, 'request'> & { user: string | null }> = [];
    const handler = handlerFor({
      onUploadComplete: ({ request, ...upload }) => {
        seen.push({ ...upload, user: request.headers.get('x-user') });
        return { recordId: 42, key: upload.key };
      },
    });
    const { target, etag } = await uploaded(handler);
    const answer = (await (await action(handler, 'complete', { token: target.completion, etag }, { 'x-user': 'ada' })).json()) as CompleteUploadAnswer;
    expect(answer).toEqual({ key: target.key, etag, serverData: { recordId: 42, key: target.key } });
    expect(seen).toEqual([{ key: target.key, size: 1234, contentType: 'image/png', etag, metadata: {}, route: undefined, user: 'ada' }]);
  });

  it('completes a multipart upload with the token from multipart-create', async () => {
    const onUploadComplete = vi.fn(() => 'recorded');
    const handler = handlerFor({ onUploadComplete });
    const bytes = randomBody(5 * MiB + 3);
    const upload = (await (await action(handler, 'multipart-create', { filename: 'clip.mp4', contentType: 'video/mp4', size: bytes.length, partSize: 5 * MiB })).json()) as MultipartUpload;
    const { parts } = (await (await action(handler, 'multipart-sign-parts', { ...upload, size: bytes.length, partSize: 5 * MiB, partNumbers: [1, 2] })).json()) as SignPartsAnswer;
    const etags = await Promise.all(parts.map(async (part) => (await fetch(part.url, { method: 'PUT', body: bytes.slice((part.partNumber - 1) * 5 * MiB, part.partNumber * 5 * MiB) })).headers.get('etag')!));
    const done = (await (await action(handler, 'multipart-complete', { ...upload, parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) })).json()) as { etag: string };
    const answer = (await (await action(handler, 'complete', { token: upload.completion, etag: done.etag })).json()) as CompleteUploadAnswer;
    expect(answer.serverData).toBe('recorded');
    expect(onUploadComplete).toHaveBeenCalledWith(expect.objectContaining({ key: upload.key, size: bytes.length, contentType: 'video/mp4', etag: done.etag }));
  });

  it('runs it again for a retried complete (idempotent by key, as documented), with the same answer', async () => {
    const onUploadComplete = vi.fn(({ key }: CompletedUpload) => ({ key }));
    const handler = handlerFor({ onUploadComplete });
    const { target, etag } = await uploaded(handler);
    const first = await (await action(handler, 'complete', { token: target.completion, etag })).json();
    const retried = await (await action(handler, 'complete', { token: target.completion, etag })).json();
    expect(retried).toEqual(first);
    expect(onUploadComplete).toHaveBeenCalledTimes(2);
  });

  it('refuses before the PUT, and after the object was deleted, without running the app code', async () => {
    const onUploadComplete = vi.fn();
    const handler = handlerFor({ onUploadComplete });
    const target = await targetFrom(await askForUpload(handler, { filename: 'later.png', contentType: 'image/png', size: 10 }));
    await refused(await action(handler, 'complete', { token: target.completion, etag: '"0"' }), 409, 'upload_incomplete');
    const { target: gone, etag } = await uploaded(handler);
    expect((await handlerFor({ delete: true })(new Request(`http://app.test/api/upload?key=${encodeURIComponent(gone.key)}`, { method: 'DELETE' }))).status).toBe(200);
    await refused(await action(handler, 'complete', { token: gone.completion, etag }), 409, 'upload_incomplete');
    expect(onUploadComplete).not.toHaveBeenCalled();
  });

  it('refuses an ETag other than the stored one, and tokens that are missing, tampered, of another kind or outside the caller’s scope', async () => {
    const onUploadComplete = vi.fn();
    const handler = handlerFor({ onUploadComplete, authorize: (request) => ({ prefix: `users/${request.headers.get('x-user') ?? 'none'}` }) });
    const ada = { 'x-user': 'ada' };
    const { target, etag } = await uploaded(handler, ada);
    expect(target.key.startsWith('users/ada/')).toBe(true);
    await refused(await action(handler, 'complete', { token: target.completion, etag: '"0123"' }, ada), 409, 'object_mismatch');
    await refused(await action(handler, 'complete', { etag }, ada), 400, 'invalid_token');
    await refused(await action(handler, 'complete', { token: target.completion!.replace(/.$/, (c) => (c === '0' ? '1' : '0')), etag }, ada), 400, 'invalid_token');
    const multipartToken = await signToken({ key: target.key, uploadId: 'x', size: 1234, partSize: 5 * MiB, expiresAt: Date.now() / 1000 + 60 }, r2.secretAccessKey);
    await refused(await action(handler, 'complete', { token: multipartToken, etag }, ada), 400, 'invalid_token');
    await refused(await action(handler, 'complete', { token: target.completion, etag }, { 'x-user': 'eve' }), 403, 'forbidden');
    await refused(await action(handler, 'complete', { token: target.completion }, ada), 400, 'invalid_request');
    expect(onUploadComplete).not.toHaveBeenCalled();
    // All refusals left the object where it was: the right request still completes it.
    expect((await action(handler, 'complete', { token: target.completion, etag }, ada)).status).toBe(200);
  });

  it('answers complete_failed when onUploadComplete throws, shows only an UploadCompleteError’s message, and deletes the object', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const chosen = handlerFor({ onUploadComplete: () => Promise.reject(new UploadCompleteError('That album is full.')) });
    const first = await uploaded(chosen);
    const body = await refused(await action(chosen, 'complete', { token: first.target.completion, etag: first.etag }), 422, 'complete_failed');
    expect(body.error.message).toBe('That album is full. The file was removed.');
    expect(await r2.getObject(first.target.key)).toBeNull();

    const bug = handlerFor({ onUploadComplete: () => { throw new Error('SQLITE_BUSY at db.ts:12'); } });
    const second = await uploaded(bug);
    const hidden = await refused(await action(bug, 'complete', { token: second.target.completion, etag: second.etag }), 422, 'complete_failed');
    expect(hidden.error.message).toBe('The upload could not be recorded. The file was removed.');
    expect(JSON.stringify(hidden)).not.toContain('SQLITE');
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('treats a result that is not JSON, or over 16 KiB, as a failure; onCompleteError "keep" leaves the object', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const result of [10n, () => 1, 'x'.repeat(16 * 1024)]) {
      const handler = handlerFor({ onUploadComplete: () => result, onCompleteError: 'keep' });
      const { target, etag } = await uploaded(handler);
      const body = await refused(await action(handler, 'complete', { token: target.completion, etag }), 422, 'complete_failed');
      expect(body.error.message).toBe('The upload could not be recorded.');
      expect(await r2.getObject(target.key)).not.toBeNull();
    }
    errors.mockRestore();
  });

  it('is not found without onUploadComplete, and a bad onCompleteError is reported as misconfiguration', async () => {
    await refused(await action(handlerFor(), 'complete', { token: 'x.y', etag: '"1"' }), 404, 'not_found');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await refused(await action(handlerFor({ onUploadComplete: () => 1, onCompleteError: 'erase' as 'keep' }), 'complete', {}), 500, 'server_misconfigured');
    errors.mockRestore();
  });
});
