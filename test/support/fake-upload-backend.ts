import { setupServer } from 'msw/node';
import { createFakeBucket, createPresignHandlers } from '../../src/testing/index.ts';
import { readableKey } from './readable-key.ts';

/**
 * The msw backend of the uploader UI tests: the fake signing route at
 * `<page origin>/api/uploads` (cross-origin to the bucket, so XHR does a real
 * CORS preflight under jsdom) over a fresh fake bucket for every test. Call
 * it at the top of a test file: it registers the lifecycle hooks.
 */
export function useFakeUploadBackend() {
  const endpoint = `${location.origin}/api/uploads`;
  const bucket = createFakeBucket();
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => server.use(...createPresignHandlers({ endpoint, bucket, key: readableKey }), ...bucket.handlers));
  afterEach(() => {
    server.resetHandlers();
    bucket.reset();
  });
  afterAll(() => server.close());
  return { endpoint, bucket, server };
}
