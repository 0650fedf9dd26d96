import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { createUploadPool } from '../../src/core/transport/connection-pool.ts';
import { parseSignBatchAnswer } from '../../src/core/protocol/sign-batch.ts';
import type { GetUploadUrls } from '../../src/core/protocol/upload-protocol.ts';
import { BUCKET, bucketCors } from '../support/msw-bucket.ts';

const server = setupServer(
  http.options(`${BUCKET}/*`, () => new HttpResponse(null, { status: 204, headers: bucketCors })),
  http.put(`${BUCKET}/*`, () => new HttpResponse(null, { status: 200, headers: { ...bucketCors, etag: '"e"' } })),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const target = (name: string) => ({ url: `${BUCKET}/${name}`, method: 'PUT' as const, headers: {}, key: name });
const files = (count: number) => Array.from({ length: count }, (_, index) => new File([String(index)], `${index}.txt`, { type: 'text/plain' }));

describe('getUploadUrls (batch signing for custom backends)', () => {
  it('signs files that wait together in one call, and a refused file fails alone with its typed error', async () => {
    const getUploadUrl = vi.fn(async (file: File) => target(file.name));
    const getUploadUrls = vi.fn<GetUploadUrls>(async (batch, { contentTypes }) => {
      expect(contentTypes.every((type) => type === 'text/plain')).toBe(true);
      return batch.map((file) =>
        file.name === '2.txt' ? { status: 413, error: { code: 'file_too_large', message: 'Too large.' } } : target(file.name),
      );
    });
    const uploader = createUploader({ getUploadUrl, getUploadUrls, pool: createUploadPool({ maxConnections: 2 }), retry: false });
    const results = await uploader.upload(files(5));

    expect(getUploadUrls).toHaveBeenCalledTimes(1);
    expect(getUploadUrls.mock.calls[0]?.[0].map((file) => file.name).sort()).toEqual(['0.txt', '1.txt', '2.txt', '3.txt', '4.txt']);
    expect(getUploadUrl).not.toHaveBeenCalled();
    expect(results.map((result) => result.key)).toEqual(['0.txt', '1.txt', '3.txt', '4.txt']);
    expect(uploader.getSnapshot().uploads[2]?.error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large', status: 413, message: 'Too large.' });
  });

  it('signs a lone file with getUploadUrl', async () => {
    const getUploadUrl = vi.fn(async (file: File) => target(file.name));
    const getUploadUrls = vi.fn<GetUploadUrls>(async () => []);
    await createUploader({ getUploadUrl, getUploadUrls }).upload(files(1));
    expect(getUploadUrl).toHaveBeenCalledTimes(1);
    expect(getUploadUrls).not.toHaveBeenCalled();
  });

  it('fails every file of a batch whose answer has the wrong length with invalid_backend_response', async () => {
    const uploader = createUploader({ getUploadUrl: async (file) => target(file.name), getUploadUrls: async () => [target('only-one')], retry: false });
    expect(await uploader.upload(files(3))).toEqual([]);
    expect(uploader.getSnapshot().uploads.map((upload) => upload.error?.code)).toEqual(['invalid_backend_response', 'invalid_backend_response', 'invalid_backend_response']);
  });
});

describe('parseSignBatchAnswer', () => {
  it('turns each entry into a target or the typed error of a single request', () => {
    const [ok, refused, broken] = parseSignBatchAnswer(
      { files: [target('a'), { status: 415, error: { code: 'content_type_not_allowed', message: 'No.' } }, { url: 'nope' }] },
      3,
    );
    expect(ok).toMatchObject({ key: 'a' });
    expect(refused).toMatchObject({ code: 'file_rejected', reason: 'content_type_not_allowed', status: 415 });
    expect(broken).toMatchObject({ code: 'invalid_backend_response' });
    expect(() => parseSignBatchAnswer({ files: [] }, 2)).toThrow(/one entry for each of the 2 files/);
  });
});

describe('an endpoint without sign-batch', () => {
  it('signs the files it looked ahead for one by one in their turn, within the concurrency', async () => {
    // Its own URL, so that no other test has taught the client already that it has no batch route.
    const endpoint = 'http://localhost:3000/api/no-batch';
    let inFlight = 0;
    let peak = 0;
    const actions: Array<string | null> = [];
    server.use(
      http.post(endpoint, async ({ request }) => {
        actions.push(new URL(request.url).searchParams.get('action'));
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
        if (actions.at(-1)) return HttpResponse.json({ error: { code: 'not_found', message: 'No such route.' } }, { status: 404 });
        const { filename } = (await request.json()) as { filename: string };
        return HttpResponse.json(target(filename));
      }),
    );
    const results = await createUploader({ endpoint, concurrency: 2 }).upload(files(7));
    expect(results).toHaveLength(7);
    expect(actions.filter(Boolean)).toEqual(['sign-batch']);
    expect(actions.filter((action) => !action)).toHaveLength(7);
    expect(peak).toBe(2);
  });
});
