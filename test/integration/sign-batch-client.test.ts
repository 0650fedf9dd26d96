import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createUploadPool, createUploader, type UploaderOptions } from '../../src/core/index.ts';
import { createR2UploadHandler, toNodeHandler } from '../../src/server/index.ts';
import { md5Hex, randomBody } from '../support/upload-requests.ts';
import { useUploadStack } from '../support/upload-stack.ts';

/*
 * Batch signing end to end: createUploader → createR2UploadHandler over HTTP
 * (its sign-batch route) → Miniflare, which checks every signature.
 */

const useStack = useUploadStack();

const filesOf = (count: number, size = 1000) =>
  Array.from({ length: count }, (_, index) => {
    const bytes = randomBody(size + index);
    return { bytes, file: new File([new Uint8Array(bytes)], `f${index}.bin`, { type: 'application/octet-stream' }) };
  });

function options(endpoint: string, extra: Partial<UploaderOptions> = {}): UploaderOptions {
  return { endpoint, pool: createUploadPool({ maxConnections: 4 }), retry: false, ...extra } as UploaderOptions;
}

describe('batch signing against Miniflare', () => {
  it('signs N files in one backend request, and every file lands in the bucket byte for byte', async () => {
    const files = filesOf(7);
    const results = await createUploader(options(useStack().endpoint)).upload(files.map(({ file }) => file));

    expect(useStack().calls.map((call) => call.action)).toEqual(['sign-batch']);
    expect((useStack().calls[0]?.body.files as unknown[]).length).toBe(7);
    expect(results).toHaveLength(7);
    for (const [index, result] of results.entries()) {
      const stored = await useStack().r2.getObject(result.key);
      expect(stored?.etag).toBe(`"${md5Hex(files[index]!.bytes)}"`);
      expect(Buffer.from(stored!.bytes).equals(Buffer.from(files[index]!.bytes))).toBe(true);
    }
  });

  it('signs ahead in batches while uploads are in flight: 30 files take a handful of requests, not 30', async () => {
    const files = filesOf(30, 200);
    const results = await createUploader(options(useStack().endpoint, { concurrency: 2 })).upload(files.map(({ file }) => file));
    expect(results).toHaveLength(30);
    const batches = useStack().calls.filter((call) => call.action === 'sign-batch').map((call) => (call.body.files as unknown[]).length);
    expect(useStack().calls.length).toBeLessThanOrEqual(10);
    expect(batches.reduce((sum, size) => sum + size, 0)).toBeGreaterThanOrEqual(28);
    expect((await useStack().r2.listKeys()).filter((key) => results.some((result) => result.key === key))).toHaveLength(30);
  });

  it('fails a refused file alone, with the code a single request gives it', async () => {
    useStack().configure({ maxFileSize: 1500 });
    const files = [...filesOf(3), { bytes: randomBody(2000), file: new File([new Uint8Array(2000)], 'big.bin') }];
    const uploader = createUploader(options(useStack().endpoint));
    const results = await uploader.upload(files.map(({ file }) => file));

    expect(results).toHaveLength(3);
    const failed = uploader.getSnapshot().uploads.find((upload) => upload.name === 'big.bin');
    expect(failed?.status).toBe('error');
    expect(failed?.error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large', status: 413 });
    expect(useStack().calls.map((call) => call.action)).toEqual(['sign-batch']);

    // The same file alone goes as a single request and fails the same way.
    useStack().reset();
    const alone = createUploader(options(useStack().endpoint));
    await alone.upload(files[3]!.file);
    expect(useStack().calls.map((call) => call.action)).toEqual(['put']);
    expect(alone.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large', status: 413 });
  });

  it('falls back to one request per file against a backend without the route, and remembers it', async () => {
    const actions: string[] = [];
    const handler = createR2UploadHandler({ ...useStack().r2, endpoint: useStack().proxy.endpoint });
    const node = toNodeHandler(async (request) => {
      const action = new URL(request.url).searchParams.get('action') ?? 'put';
      actions.push(action);
      if (action === 'sign-batch') return Response.json({ error: { code: 'not_found', message: 'No such route.' } }, { status: 404 });
      return handler(request);
    });
    const server: Server = createServer((req, res) => void node(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/old-backend`;
    try {
      const first = filesOf(5);
      expect(await createUploader(options(endpoint)).upload(first.map(({ file }) => file))).toHaveLength(5);
      expect(actions.filter((action) => action === 'sign-batch')).toHaveLength(1);
      expect(actions.filter((action) => action === 'put')).toHaveLength(5);

      actions.length = 0;
      const results = await createUploader(options(endpoint)).upload(filesOf(4).map(({ file }) => file));
      expect(results).toHaveLength(4);
      expect(actions).toEqual(['put', 'put', 'put', 'put']);
      for (const result of results) expect(await useStack().r2.getObject(result.key)).not.toBeNull();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
