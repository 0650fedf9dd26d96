import { describe, expect, it, vi } from 'vitest';
import { createUploadPool, createUploader, type UploaderOptions } from '../../src/core/index.ts';
import { UploadCompleteError, type CompletedUpload } from '../../src/server/index.ts';
import { useUploadStack } from '../support/upload-stack.ts';
import { md5Hex, randomBody } from '../support/upload-requests.ts';

/*
 * Verified completion through the core engine: createUploader → the real
 * handler with onUploadComplete → the fault proxy → Miniflare. The upload is
 * done only when `?action=complete` succeeded, and its serverData reaches the
 * result, onSuccess and the upload's state.
 */

const MiB = 1024 * 1024;
const useStack = useUploadStack();

const options = (extra: Partial<UploaderOptions> = {}): UploaderOptions =>
  ({ endpoint: useStack().endpoint, pool: createUploadPool({ maxConnections: 4 }), multipart: { threshold: MiB, partSize: 5 * MiB }, retry: { baseDelay: 20, maxDelay: 200 }, resume: false, ...extra }) as UploaderOptions;

const png = (bytes: Uint8Array, name = 'photo (1) ü.png') => new File([new Uint8Array(bytes)], name, { type: 'image/png' });

describe('verified completion, through the core engine', () => {
  it('a single PUT is done after complete: serverData in the result, onSuccess and the state; the app saw what the bucket holds', async () => {
    const recorded: Array<Omit<CompletedUpload, 'request'>> = [];
    useStack().configure({ onUploadComplete: ({ request: _request, ...upload }) => (recorded.push(upload), { id: recorded.length }) });
    const onSuccess = vi.fn();
    const uploader = createUploader(options({ onSuccess }));
    const bytes = randomBody(3000);
    const [result] = await uploader.upload([png(bytes)]);
    expect(result?.serverData).toEqual({ id: 1 });
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ serverData: { id: 1 } }), expect.any(File));
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'done', serverData: { id: 1 } });
    expect(recorded).toEqual([{ key: result!.key, size: 3000, contentType: 'image/png', etag: `"${md5Hex(bytes)}"`, metadata: {}, route: undefined }]);
    expect(useStack().calls.map((call) => call.action)).toEqual(['put', 'complete']);
  });

  it('files signed together (sign-batch) complete one by one', async () => {
    useStack().configure({ onUploadComplete: ({ key }) => ({ key }) });
    const results = await createUploader(options()).upload([png(randomBody(10), 'a.png'), png(randomBody(20), 'b.png'), png(randomBody(30), 'c.png')]);
    expect(results.map((result) => result.serverData)).toEqual(results.map((result) => ({ key: result.key })));
    const actions = useStack().calls.map((call) => call.action);
    expect(actions).toContain('sign-batch');
    expect(actions.filter((action) => action === 'complete')).toHaveLength(3);
  });

  it('a multipart upload completes too, after multipart-complete', async () => {
    useStack().configure({ onUploadComplete: ({ key }) => ({ key }) });
    const uploader = createUploader(options());
    const bytes = randomBody(6 * MiB);
    const [result] = await uploader.upload([new File([new Uint8Array(bytes)], 'clip.mp4', { type: 'video/mp4' })]);
    expect(result?.serverData).toEqual({ key: result!.key });
    expect(result?.etag).toMatch(/-2"$/);
    expect(useStack().calls.map((call) => call.action).slice(-2)).toEqual(['multipart-complete', 'complete']);
  });

  it('retries complete on a transient failure (the bucket check answered 503), and the app code runs for the one that succeeded', async () => {
    const onUploadComplete = vi.fn(() => 'ok');
    useStack().configure({ onUploadComplete });
    useStack().proxy.inject({ match: ({ method }) => method === 'HEAD', action: { type: 'status', status: 503, s3Code: 'ServiceUnavailable' } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const [result] = await createUploader(options()).upload([png(randomBody(100))]);
    errors.mockRestore();
    expect(result?.serverData).toBe('ok');
    expect(useStack().calls.filter((call) => call.action === 'complete').map((call) => call.status)).toEqual([502, 200]);
    expect(onUploadComplete).toHaveBeenCalledTimes(1);
  });

  it('a retried PUT whose first answer was lost (the object is stored, If-None-Match now answers 412) is signed again, and completes once', async () => {
    const onUploadComplete = vi.fn(({ key }: { key: string }) => ({ key }));
    useStack().configure({ onUploadComplete });
    useStack().proxy.inject({ match: ({ method }) => method === 'PUT', action: { type: 'lose-answer' } });
    const bytes = randomBody(2000);
    const uploader = createUploader(options());
    const [result] = await uploader.upload([png(bytes)]);
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'done', serverData: { key: result?.key } });
    const puts = useStack().proxy.requests.filter((request) => request.method === 'PUT');
    // Stored but unheard; the same URL again: 412; a new URL (a new key): stored.
    expect(puts.map((request) => request.status)).toEqual([0, 412, 200]);
    expect(puts[1]?.url.pathname).toBe(puts[0]?.url.pathname);
    expect(puts[2]?.url.pathname).not.toBe(puts[0]?.url.pathname);
    expect(useStack().calls.map((call) => call.action)).toEqual(['put', 'put', 'complete']);
    expect(onUploadComplete).toHaveBeenCalledTimes(1);
    expect(md5Hex((await useStack().r2.getObject(result!.key))!.bytes)).toBe(md5Hex(bytes));
  });

  it('fails with complete_failed and the app’s message when onUploadComplete refuses, not retried, and the object is removed', async () => {
    useStack().configure({ onUploadComplete: () => { throw new UploadCompleteError('You have no space left.'); } });
    const uploader = createUploader(options());
    const [result] = await uploader.upload([png(randomBody(100), 'refused.png')]);
    expect(result).toBeUndefined();
    const failed = uploader.getSnapshot().uploads[0]!;
    expect(failed.status).toBe('error');
    expect(failed.error?.code).toBe('complete_failed');
    expect(failed.error?.message).toBe('You have no space left. The file was removed.');
    expect(useStack().calls.filter((call) => call.action === 'complete')).toHaveLength(1);
    expect((await useStack().r2.listKeys()).some((key) => key.endsWith('refused.png'))).toBe(false);
  });

  it('calls no complete for a backend that does not verify completions', async () => {
    useStack().configure({});
    const [result] = await createUploader(options()).upload([png(randomBody(100))]);
    expect(result).toBeDefined();
    expect(result).not.toHaveProperty('serverData');
    expect(useStack().calls.map((call) => call.action)).toEqual(['put']);
  });
});
