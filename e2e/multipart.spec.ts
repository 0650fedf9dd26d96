import { expect, test } from '@playwright/test';
import { md5, randomFile, readObject } from './bucket.ts';
import { devProxy, incompleteUploads, multipartEtag, overlapped, partNumberOf, partPuts, savedUploads } from './dev-stack.ts';
import { keyOf, rowOf, shownEtag } from './page-helpers.ts';

const MiB = 1024 * 1024;
/** Multipart from 5 MiB in 5 MiB parts, so that tests need not send hundreds of MB. */
const SMALL_PARTS = '/?multipartThreshold=5242880&partSize=5242880';

test.beforeEach(async ({ request }) => {
  await devProxy.reset(request);
});

test('a 200 MB file uploads in parallel parts with the default settings, and the bucket holds the same bytes', async ({ page, request }) => {
  test.setTimeout(180_000);
  const name = 'holiday video.mp4';
  const { path, bytes } = await randomFile(name, 200 * 1000 * 1000);
  await page.goto('/');
  await page.getByLabel(/choose files/i).setInputFiles(path);

  // Default: multipart above 64 MiB, 8 MiB parts, 6 connections.
  const etag = await shownEtag(page, name, 150_000);
  expect(etag).toBe(multipartEtag(bytes, 8 * MiB));
  const report = await devProxy.report(request);
  const parts = partPuts(report);
  expect(new Set(parts.filter((part) => part.status === 200).map(partNumberOf)).size).toBe(24);
  expect(overlapped(parts)).toBe(true);
  expect(report.peakInFlight).toBeGreaterThanOrEqual(2);
  expect(report.peakInFlight).toBeLessThanOrEqual(6);

  const key = await keyOf(page, name);
  const stored = await readObject(request, key);
  expect(stored.bytes.length).toBe(bytes.length);
  expect(md5(stored.bytes)).toBe(md5(bytes));
  expect(stored.contentType).toBe('video/mp4');
  expect((await incompleteUploads(request)).filter((upload) => upload.key === key)).toEqual([]);
  expect(await savedUploads(page)).toEqual([]);
});

test('a bucket whose CORS hides the ETag fails a multipart upload at once, with the fix, and leaves nothing incomplete', async ({ page, request, baseURL }) => {
  await devProxy.cors(request, [{ AllowedOrigins: [new URL(baseURL!).origin], AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['content-type', 'if-none-match'] }]);
  const { path } = await randomFile('no etag.mov', 12 * MiB);
  await page.goto(SMALL_PARTS);
  await page.getByLabel(/choose files/i).setInputFiles(path);

  const row = rowOf(page, 'no etag.mov');
  await expect(row.getByText(/hide its ETag/)).toBeVisible({ timeout: 15_000 });
  await expect(row.getByText(/ExposeHeaders: \["ETag"\]/)).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'error');
  // Not retried: each part was stored once, and its ETag could not be read. (Attempts the browser itself
  // re-sends on a kept-alive connection the server had just closed reach the proxy too, but are never stored.)
  const parts = partPuts(await devProxy.report(request));
  const stored = parts.filter((part) => part.status === 200).map(partNumberOf);
  expect(stored.length).toBeLessThanOrEqual(3);
  expect(new Set(stored).size).toBe(stored.length);
  const key = decodeURIComponent(new URL(parts[0]!.url, baseURL).pathname.split('/uploads/').slice(1).join('/uploads/'));
  await expect.poll(async () => (await incompleteUploads(request)).filter((upload) => upload.key === key)).toEqual([]);
});

test('saved uploads past their age are neither resumed nor kept', async ({ page, request }) => {
  await devProxy.inject(request, [{ method: 'PUT', urlIncludes: 'partNumber=', times: 50, action: { type: 'delay', ms: 400 } }]);
  const name = 'old draft.mov';
  const { path, bytes } = await randomFile(name, 16 * MiB);
  await page.goto(`${SMALL_PARTS}&connections=1`);
  await page.getByLabel(/choose files/i).setInputFiles(path);
  await expect.poll(async () => (await savedUploads(page))[0]?.parts.length ?? 0, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: `Pause upload of ${name}` }).click();

  // Seven days later, as far as the saved state can tell; another file's upload expired too, a third one did not.
  const [saved] = await savedUploads(page);
  const past = { createdAt: saved!.createdAt - 7 * 86_400_000, expiresAt: Date.now() - 1000 };
  await savedUploads(page, [
    { ...saved!, ...past },
    { ...saved!, ...past, id: 'another file, expired' },
    { ...saved!, id: 'another file, still resumable', expiresAt: Date.now() + 86_400_000 },
  ]);
  await page.reload();
  await devProxy.reset(request);
  await page.getByLabel(/choose files/i).setInputFiles(path);
  const etag = await shownEtag(page, name);

  expect(etag).toBe(multipartEtag(bytes, 5 * MiB));
  expect(await keyOf(page, name)).not.toBe(saved!.key);
  const report = await devProxy.report(request);
  expect(report.requests.some((logged) => logged.method === 'POST' && /[?&]uploads(=|&|$)/.test(logged.url))).toBe(true);
  // Expired state was deleted when the saved uploads were first opened; the rest is kept.
  expect((await savedUploads(page)).map((record) => record.id)).toEqual(['another file, still resumable']);
  // The old upload is the store's to expire; this test cleans it up itself.
  const aborted = await request.post('/api/upload?action=multipart-abort', { data: { key: saved!.key, uploadId: saved!.uploadId, token: saved!.token } });
  expect(aborted.status()).toBe(200);
});
