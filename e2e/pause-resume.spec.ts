import { expect, test } from '@playwright/test';
import { md5, randomFile, readObject } from './bucket.ts';
import { devProxy, incompleteUploads, multipartEtag, partNumberOf, partPuts, savedUploads } from './dev-stack.ts';
import { keyOf, rowOf, shownEtag } from './page-helpers.ts';

const MiB = 1024 * 1024;
/** 5 MiB parts through 2 connections, each part slowed down, so that a test can act mid-upload. */
const SLOW_PARTS = '/?multipartThreshold=5242880&partSize=5242880&connections=2';

test.beforeEach(async ({ request }) => {
  await devProxy.reset(request);
  await devProxy.inject(request, [{ method: 'PUT', urlIncludes: 'partNumber=', times: 200, action: { type: 'delay', ms: 300 } }]);
});

/** Waits until the page has saved at least `count` confirmed parts; returns the saved upload. */
async function confirmedParts(page: import('@playwright/test').Page, count: number) {
  await expect.poll(async () => (await savedUploads(page))[0]?.parts.length ?? 0, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return (await savedUploads(page))[0]!;
}

test('pause stops sending and keeps the confirmed parts; resume sends only the rest', async ({ page, request }) => {
  const name = 'interview.mov';
  const { path, bytes } = await randomFile(name, 40 * MiB);
  await page.goto(SLOW_PARTS);
  await page.getByLabel(/choose files/i).setInputFiles(path);
  await confirmedParts(page, 2);

  await page.getByRole('button', { name: `Pause upload of ${name}` }).click();
  const row = rowOf(page, name);
  await expect(row.getByText(/^Paused at \d+%$/)).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'paused');
  // Requests the pause aborted may still be landing; then nothing more goes out.
  await page.waitForTimeout(800);
  const confirmed = (await savedUploads(page))[0]!.parts.map((part) => part.partNumber);
  const sentBeforeResume = partPuts(await devProxy.report(request)).length;
  await page.waitForTimeout(700);
  expect(partPuts(await devProxy.report(request)).length).toBe(sentBeforeResume);

  await page.getByRole('button', { name: `Resume upload of ${name}` }).click();
  expect(await shownEtag(page, name)).toBe(multipartEtag(bytes, 5 * MiB));
  const afterResume = partPuts(await devProxy.report(request)).slice(sentBeforeResume).map(partNumberOf);
  expect(afterResume.filter((partNumber) => confirmed.includes(partNumber!))).toEqual([]);
  const stored = await readObject(request, await keyOf(page, name));
  expect(md5(stored.bytes)).toBe(md5(bytes));
});

test('after a reload, picking the same file again resumes from the confirmed parts, and the object is byte-identical', async ({ page, request }) => {
  const name = 'wedding.mp4';
  const { path, bytes } = await randomFile(name, 60 * MiB);
  await page.goto(SLOW_PARTS);
  await page.getByLabel(/choose files/i).setInputFiles(path);
  const saved = await confirmedParts(page, 4);
  const firstSession = partPuts(await devProxy.report(request));
  expect(firstSession.length).toBeGreaterThanOrEqual(4);

  await page.reload();
  await page.waitForTimeout(500);
  await devProxy.reset(request);
  const stillSaved = (await savedUploads(page))[0]!;
  expect(stillSaved.uploadId).toBe(saved.uploadId);
  await page.getByLabel(/choose files/i).setInputFiles(path);
  const etag = await shownEtag(page, name);

  expect(etag).toBe(multipartEtag(bytes, 5 * MiB));
  const key = await keyOf(page, name);
  expect(key).toBe(saved.key);
  const report = await devProxy.report(request);
  const secondSession = partPuts(report);
  const sentAgain = secondSession.reduce((total, part) => total + part.bytesIn, 0);
  expect(sentAgain).toBeLessThan(bytes.length);
  expect(sentAgain).toBeLessThanOrEqual(bytes.length - stillSaved.parts.length * 5 * MiB);
  // Checked with ListParts, not started again.
  expect(report.requests.some((logged) => logged.method === 'GET' && logged.url.includes('uploadId='))).toBe(true);
  expect(report.requests.some((logged) => logged.method === 'POST' && /[?&]uploads(=|&|$)/.test(logged.url))).toBe(false);
  const resent = secondSession.filter((part) => part.status === 200).map(partNumberOf);
  expect(resent.filter((partNumber) => stillSaved.parts.some((part) => part.partNumber === partNumber))).toEqual([]);

  const stored = await readObject(request, key);
  expect(stored.bytes.length).toBe(bytes.length);
  expect(md5(stored.bytes)).toBe(md5(bytes));
  expect(await savedUploads(page)).toEqual([]);
  expect((await incompleteUploads(request)).filter((upload) => upload.key === key)).toEqual([]);
});
