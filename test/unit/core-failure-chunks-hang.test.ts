import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { FAILURE_WORDS_WAIT } from '../../src/core/lazy-kits.ts';
import { bucketHandlers, retryingStates, toBucket } from '../support/msw-bucket.ts';

// The chunks with failures' words never arrive: a network that swallows requests leaves their import() pending for minutes.
vi.mock('../../src/core/put-failure.ts', () => new Promise(() => {}));
vi.mock('../../src/core/failure-kit.ts', () => new Promise(() => {}));

const ENDPOINT = 'https://app.test/api/uploads';
let failures = 0;
const server = setupServer(
  ...bucketHandlers(() => {
    if (failures === 0) return undefined;
    failures -= 1;
    return HttpResponse.error();
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  failures = 0;
});
afterAll(() => server.close());

describe("a failure whose words' chunk never arrives", () => {
  it('is told in fewer words after the wait, retried by the same rules, and the file still uploads', async () => {
    failures = 1;
    const uploader = createUploader({ getUploadUrl: toBucket, retry: { baseDelay: 1, maxDelay: 1 } });
    const retrying = retryingStates(uploader);
    const started = Date.now();
    const [result] = await uploader.upload(new File(['x'], 'a.txt'));
    expect(result?.etag).toBe('"e"');
    expect(retrying[0]?.lastError).toMatchObject({ code: 'network_error', message: 'The upload failed (network_error).' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAILURE_WORDS_WAIT - 50);
  }, 15_000);

  it("reports a backend's refusal with its status instead of waiting for ever", async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ error: { code: 'quota', message: 'Over quota' } }, { status: 403 })));
    const uploader = createUploader({ endpoint: ENDPOINT });
    await uploader.upload(new File(['x'], 'b.txt'));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'backend_error', status: 403, message: 'The upload backend answered 403.' } });
  }, 15_000);

  it('times a silent backend out, although the words of the timeout never load', async () => {
    server.use(http.post(ENDPOINT, () => new Promise<Response>(() => {})));
    const uploader = createUploader({ endpoint: ENDPOINT, backendTimeout: 30, retry: false });
    await uploader.upload(new File(['x'], 'c.txt'));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'backend_timeout', message: 'The upload backend did not answer within 30 ms.' } });
  }, 15_000);
});
