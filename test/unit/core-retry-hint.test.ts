import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { BUCKET, bucketHandlers, retryingStates, toBucket } from '../support/msw-bucket.ts';

let failures = 0;
const server = setupServer(
  ...bucketHandlers(() => {
    if (failures === 0) return undefined;
    failures -= 1;
    return HttpResponse.error();
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe('the hint while a file is retried', () => {
  it('is on lastError while retrying (the CORS fix for a network error), though the hints load lazily', async () => {
    failures = 1;
    const uploader = createUploader({
      getUploadUrl: toBucket,
      retry: { baseDelay: 30, maxDelay: 30 },
    });
    const retrying = retryingStates(uploader);
    const [result] = await uploader.upload(new File(['x'], 'a.txt'));
    expect(result?.etag).toBe('"e"');
    expect(retrying.length).toBeGreaterThan(0);
    expect(retrying[0]?.lastError).toMatchObject({ code: 'network_error' });
    expect(retrying[0]?.lastError?.hint).toContain("CORS policy does not allow");
  });
});

describe('a PUT refused before sending', () => {
  it('names the fix for a signed Content-Length that is not the file size, loaded with the other hints', async () => {
    const { putWithXhr } = await import('../../src/core/transport/xhr-put.ts');
    const body = new File(['abc'], 'a.txt');
    const error = await putWithXhr({ url: `${BUCKET}/a.txt`, method: 'PUT', headers: { 'Content-Length': '4' }, body }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_backend_response', message: 'The backend signed 4 bytes, but the file has 3.' });
    expect((error as { hint?: string }).hint).toBe('Sign the exact size the client sent as Content-Length.');
  });
});
