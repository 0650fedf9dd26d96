import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { bucketCors, bucketHandlers, retryingStates, toBucket } from '../support/msw-bucket.ts';

// The chunk that reads a refused PUT's S3 XML (and its hints) cannot load: a deploy replaced it, or the network blinked.
vi.mock('../../src/core/put-failure.ts', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

let refusals = 0;
let unreachable = false;
const server = setupServer(
  ...bucketHandlers(() => {
    if (unreachable) return HttpResponse.error();
    if (refusals === 0) return undefined;
    refusals -= 1;
    const xml = '<?xml version="1.0"?><Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>';
    return new HttpResponse(xml, { status: 503, headers: { ...bucketCors, 'content-type': 'application/xml' } });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

describe('a refused PUT when the code that reads refusals cannot load', () => {
  it('fails with the status alone, is retried by the same rules, and the file still uploads', async () => {
    refusals = 1;
    const uploader = createUploader({
      getUploadUrl: toBucket,
      retry: { baseDelay: 30, maxDelay: 30 },
    });
    const retrying = retryingStates(uploader);
    const [result] = await uploader.upload(new File(['x'], 'a.txt'));
    expect(result?.etag).toBe('"e"');
    expect(retrying[0]?.lastError).toMatchObject({ code: 'store_error', status: 503, message: 'The store refused the upload (503).' });
  });

  it('fails a refusal that is not retried with the same status error, and no hint', async () => {
    refusals = 1;
    const uploader = createUploader({
      getUploadUrl: toBucket,
      retry: false,
    });
    await uploader.upload(new File(['x'], 'b.txt'));
    const [upload] = uploader.getSnapshot().uploads;
    expect(upload).toMatchObject({ status: 'error', error: { code: 'store_error', status: 503, message: 'The store refused the upload (503).' } });
    expect(upload?.error?.hint).toBeUndefined();
  });

  it('fails a PUT that reaches no store with network_error, in a few words and without a hint', async () => {
    unreachable = true;
    const uploader = createUploader({ getUploadUrl: toBucket, retry: false });
    await uploader.upload(new File(['x'], 'c.txt'));
    unreachable = false;
    const [upload] = uploader.getSnapshot().uploads;
    expect(upload).toMatchObject({ status: 'error', error: { code: 'network_error', message: 'The upload failed (network_error).' } });
    expect(upload?.error?.hint).toBeUndefined();
  });
});
