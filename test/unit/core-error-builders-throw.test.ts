import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploadPool } from '../../src/core/transport/connection-pool.ts';
import { createUploader } from '../../src/core/create-uploader.ts';
import { bucketCors, bucketHandlers, toBucket } from '../support/msw-bucket.ts';

// Building the error throws (a bug, or a browser that lacks something it uses): the failure must still settle.
const { boom } = vi.hoisted(() => ({
  boom: () => {
    throw new Error('the error builder broke');
  },
}));
vi.mock('../../src/core/transport/put-failure.ts', () => ({ putError: boom, storeRefusal: boom }));
vi.mock('../../src/core/protocol/backend-failure.ts', () => ({ answerError: boom, backendErrorFrom: boom, backendTimeoutError: boom }));

const ENDPOINT = 'https://app.test/api/uploads';
let refuse = true;
const server = setupServer(...bucketHandlers(() => (refuse ? new HttpResponse(null, { status: 503, headers: bucketCors }) : undefined)));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  refuse = true;
});
afterAll(() => server.close());

/** A one-connection pool: a failure that kept its slot would block the next upload for ever. */
async function expectSlotFreed(pool: ReturnType<typeof createUploadPool>): Promise<void> {
  expect(pool.active).toBe(0);
  refuse = false;
  const next = createUploader({ getUploadUrl: toBucket, pool, retry: false });
  const [result] = await next.upload(new File(['y'], 'next.txt'));
  expect(result?.etag).toBe('"e"');
}

describe('every promise settles when building an error throws', () => {
  it('a refused PUT still ends in error, with its code, and frees its pool slot', async () => {
    const pool = createUploadPool({ maxConnections: 1 });
    const uploader = createUploader({ getUploadUrl: toBucket, pool, retry: false });
    await uploader.upload(new File(['x'], 'a.txt'));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'store_error', message: 'the error builder broke' } });
    await expectSlotFreed(pool);
  });

  it('a backend that times out still ends in backend_timeout, and frees its pool slot', async () => {
    const pool = createUploadPool({ maxConnections: 1 });
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}), backendTimeout: 30, pool, retry: false });
    await uploader.upload(new File(['x'], 'b.txt'));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { code: 'backend_timeout' } });
    await expectSlotFreed(pool);
  });

  it('a backend refusal still ends in error, and frees its pool slot', async () => {
    server.use(http.post(ENDPOINT, () => HttpResponse.json({ error: { code: 'quota', message: 'Over quota' } }, { status: 403 })));
    const pool = createUploadPool({ maxConnections: 1 });
    const uploader = createUploader({ endpoint: ENDPOINT, pool, retry: false });
    await uploader.upload(new File(['x'], 'c.txt'));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'error', error: { message: 'the error builder broke' } });
    await expectSlotFreed(pool);
  });
});
