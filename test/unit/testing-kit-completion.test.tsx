import { act, renderHook, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { useR2Upload } from 'r2-uploader';
import { createFakeBucket, createPresignHandlers, type FakeCompletedUpload } from '../../src/testing/index.ts';

/*
 * Verified completion in users' own tests: the testing kit's fake backend
 * speaks `?action=complete`, so a hook test sees `serverData` and
 * `complete_failed` as it would against `createR2UploadHandler`.
 */

const endpoint = `${location.origin}/api/uploads`;
const bucket = createFakeBucket();
const server = setupServer();
const MiB = 1024 * 1024;

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  bucket.reset();
});
afterAll(() => server.close());

const file = (name: string, size: number, type = 'image/png') => new File([new Uint8Array(size)], name, { type });

describe('the testing kit with onUploadComplete', () => {
  it('completes single and multipart uploads: the app code sees what the bucket holds, the hook shows serverData', async () => {
    const seen: FakeCompletedUpload[] = [];
    server.use(...createPresignHandlers({ endpoint, bucket, onUploadComplete: (upload) => (seen.push(upload), { row: seen.length }) }), ...bucket.handlers);
    const { result } = renderHook(() => useR2Upload({ endpoint, resume: false, multipart: { threshold: 6 * MiB, partSize: 5 * MiB } }));
    await act(() => result.current.upload([file('small.png', 10), file('big.mp4', 7 * MiB, 'video/mp4')]));
    await waitFor(() => expect(result.current.uploads.map((upload) => upload.status)).toEqual(['done', 'done']));
    expect(result.current.uploads.map((upload) => upload.serverData)).toEqual(expect.arrayContaining([{ row: 1 }, { row: 2 }]));
    for (const upload of seen) expect(upload.etag).toBe(bucket.get(upload.key)!.etag);
    expect(seen.map((upload) => [upload.contentType, upload.size]).sort()).toEqual([['image/png', 10], ['video/mp4', 7 * MiB]]);
  });

  it('shows the app’s refusal as complete_failed', async () => {
    server.use(...createPresignHandlers({ endpoint, bucket, onUploadComplete: () => { throw new Error('Quota exceeded.'); } }), ...bucket.handlers);
    const { result } = renderHook(() => useR2Upload({ endpoint, resume: false }));
    await act(() => result.current.upload([file('small.png', 10)]));
    await waitFor(() => expect(result.current.uploads[0]?.status).toBe('error'));
    expect(result.current.uploads[0]?.error).toMatchObject({ code: 'complete_failed', message: 'Quota exceeded.' });
  });

  it('sends no complete without onUploadComplete', async () => {
    const actions: string[] = [];
    server.events.on('request:start', ({ request }) => void actions.push(new URL(request.url).searchParams.get('action') ?? request.method));
    server.use(...createPresignHandlers({ endpoint, bucket }), ...bucket.handlers);
    const { result } = renderHook(() => useR2Upload({ endpoint, resume: false }));
    await act(() => result.current.upload([file('small.png', 10)]));
    await waitFor(() => expect(result.current.uploads[0]?.status).toBe('done'));
    expect(actions).not.toContain('complete');
    expect(result.current.uploads[0]).not.toHaveProperty('serverData');
    server.events.removeAllListeners();
  });
});
