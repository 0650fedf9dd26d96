import { afterEach, describe, expect, it, vi } from 'vitest';
import { createR2UploadHandler } from '../../src/server/index.ts';

// Port 9 (discard) on loopback: nothing answers, so the store call fails at once.
const handler = createR2UploadHandler({
  endpoint: 'http://127.0.0.1:9/s3',
  bucket: 'uploads',
  accessKeyId: 'id',
  secretAccessKey: 'secret',
  list: true,
});

afterEach(() => vi.restoreAllMocks());

describe('a request the client gave up on', () => {
  it('is answered without logging a handler failure', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handler(new Request('http://app.test/api/upload', { signal: AbortSignal.abort() }));
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(logged).not.toHaveBeenCalled();
  });

  it('while a store that cannot be reached still is logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handler(new Request('http://app.test/api/upload'));
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(logged).toHaveBeenCalled();
  });
});
