import { setupServer } from 'msw/node';
import { getUploadHistory } from '../../src/react/index.ts';
import { createFakeBucket, createListHandlers, createPresignHandlers, type ListHandlersOptions } from '../../src/testing/index.ts';
import { readableKey } from './readable-key.ts';

/**
 * The msw backend of the list UI tests: a fake bucket behind the fake
 * signing and list routes, a log of every request, and a clean slate
 * (handlers, bucket, upload history) between tests. Call it at the top of a
 * test file: it registers the lifecycle hooks.
 */
export function useFakeListBackend() {
  const bucket = createFakeBucket();
  const server = setupServer();
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => void requests.push(request));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  beforeEach(() => {
    requests.length = 0;
    localStorage.clear();
    getUploadHistory().clear();
  });
  afterEach(() => {
    server.resetHandlers();
    bucket.reset();
  });
  afterAll(() => server.close());

  /** Serves uploads, listing, downloads and deletes (unless `options` turn them off) at `endpoint`. */
  const serve = (endpoint: string, options: Partial<ListHandlersOptions> = {}): string => {
    server.use(
      ...createPresignHandlers({ endpoint, bucket, key: readableKey }),
      ...createListHandlers({ endpoint, bucket, download: true, delete: true, ...options }),
      ...bucket.handlers,
    );
    return endpoint;
  };
  return { bucket, server, requests, serve };
}
