import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { aggregateProgress, getUploadHistory, historyListing, mergeListing } from '../../src/core/index.ts';
import { UPLOAD_INBOX_LIMIT, reportUpload, uploadInbox } from '../../src/core/listing/upload-inbox.ts';
import { resetPageRuntime } from '../../src/core/page/page-runtime.ts';
import { BUCKET, bucketHandlers } from '../support/msw-bucket.ts';

const ENDPOINT = 'https://app.test/api/uploads';
const server = setupServer(
  ...bucketHandlers(),
  http.post(ENDPOINT, () => HttpResponse.json({ url: `${BUCKET}/photos/cat.txt`, method: 'PUT', headers: {}, key: 'photos/cat.txt' })),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  localStorage.clear();
  resetPageRuntime();
});
afterAll(() => server.close());

describe('the upload inbox', () => {
  it('holds at most the history’s limit of successes while no history exists, dropping the oldest', () => {
    for (let n = 0; n < UPLOAD_INBOX_LIMIT + 50; n += 1) reportUpload({ key: `k${n}`, size: n, etag: `"${n}"` }, ENDPOINT);
    const { pending } = uploadInbox();
    expect(pending).toHaveLength(UPLOAD_INBOX_LIMIT);
    expect(pending[0]?.[0].key).toBe('k50');
    expect(pending.at(-1)?.[0].key).toBe(`k${UPLOAD_INBOX_LIMIT + 49}`);

    const keys = getUploadHistory().getSnapshot().map((entry) => entry.key);
    expect(keys).toHaveLength(UPLOAD_INBOX_LIMIT);
    expect(keys[0]).toBe(`k${UPLOAD_INBOX_LIMIT + 49}`);
    expect(uploadInbox().pending).toEqual([]);
  });

  it('keeps only what a list shows of a result, not what the app hung on it', () => {
    const result = { key: 'a', size: 1, etag: '"a"', file: new File(['x'], 'a') };
    reportUpload(result, undefined);
    expect(uploadInbox().pending[0]?.[0]).toEqual({ key: 'a', size: 1, etag: '"a"' });
  });
});

describe('the framework-free engine and the page’s lists', () => {
  it('hands every success of createUploader to the page’s history, with its endpoint, without any React', async () => {
    const uploader = createUploader({ endpoint: ENDPOINT });
    const [result] = await uploader.upload(new File(['meow'], 'cat.txt', { type: 'text/plain' }));
    expect(result?.key).toBe('photos/cat.txt');
    expect(localStorage.length).toBe(0);

    const [entry] = getUploadHistory().getSnapshot();
    expect(entry).toMatchObject({ key: 'photos/cat.txt', size: 4, endpoint: ENDPOINT, seq: 1 });
    const listing = mergeListing({ pages: [{ objects: [], prefixes: [], prefix: '' }], prefix: '', delimiter: '/', recent: getUploadHistory().getSnapshot(), confirmedSeq: 0, complete: true });
    expect(listing).toEqual({ objects: [], prefixes: ['photos/'] });
    expect(historyListing(getUploadHistory().getSnapshot(), 'photos/', '/').objects.map((row) => row.key)).toEqual(['photos/cat.txt']);
    expect(aggregateProgress(uploader.getSnapshot().uploads)).toEqual({ loaded: 4, total: 4, percent: 100 });
  });

  it('gives two copies of the library one history, so an uploader of one shows in a list of the other', async () => {
    vi.resetModules();
    const one = await import('../../src/core/listing/upload-history.ts');
    vi.resetModules();
    const inbox = await import('../../src/core/listing/upload-inbox.ts');
    inbox.reportUpload({ key: 'from-the-other-copy', size: 1, etag: '"x"' }, ENDPOINT);
    expect(one.getUploadHistory().getSnapshot().map((entry) => entry.key)).toEqual(['from-the-other-copy']);
  });
});
