import { expect, test } from '@playwright/test';
import { md5, randomFile, readObject } from './bucket.ts';
import { rowOf } from './page-helpers.ts';

/*
 * Routes, metadata and verified completion in Chromium: the demo's /records
 * page uploads to the `photos` route with a caption; the server checks it
 * (zod), adds the user's id, finds the object in the bucket and records it
 * in SQLite; the page shows the serverData and the row.
 */

test('an upload with a caption is recorded in the database with the user’s id, and the page shows its serverData', async ({ page, request }) => {
  const caption = `Sunset över sjön ${Date.now()}`;
  const { path, bytes } = await randomFile('sunset.png', 40 * 1024);
  await page.goto('/records');
  await page.getByLabel('Caption').fill(caption);
  await page.getByLabel(/choose photos to record/i).setInputFiles(path);
  await expect(page.getByTestId('last-record')).toContainText(`“${caption}”`, { timeout: 30_000 });
  const recordId = /#(\d+)/.exec((await page.getByTestId('last-record').textContent()) ?? '')?.[1];
  const row = page.getByRole('table', { name: 'Recorded uploads' }).getByRole('row').filter({ hasText: caption });
  await expect(row).toContainText('demo-user');
  await expect(row.getByRole('cell').first()).toHaveText(recordId!);
  const key = ((await row.locator('code').textContent()) ?? '').trim();
  expect(key).toMatch(/^photos\/[0-9a-f-]{36}\/sunset\.png$/);
  // The database row is what the server found in the bucket.
  const records = (await (await request.get('/__r2-dev/records')).json()) as Array<{ key: string; caption: string; userId: string; size: number; etag: string }>;
  const recorded = records.find((entry) => entry.key === key)!;
  expect(recorded).toMatchObject({ caption, userId: 'demo-user', size: bytes.length, etag: `"${md5(bytes)}"` });
  expect((await readObject(request, key)).bytes.equals(bytes)).toBe(true);
  // The page's bucket listing shows it too.
  await expect(page.getByRole('table', { name: 'Photos in the bucket' })).toContainText('sunset.png');
});

test('an upload without a caption fails with the schema’s message, and nothing is recorded or stored', async ({ page, request }) => {
  const before = ((await (await request.get('/__r2-dev/records')).json()) as unknown[]).length;
  const { path } = await randomFile('uncaptioned.png', 1024);
  await page.goto('/records');
  await page.getByLabel(/choose photos to record/i).setInputFiles(path);
  await expect(rowOf(page, 'uncaptioned.png')).toContainText('Write a caption', { timeout: 30_000 });
  expect(((await (await request.get('/__r2-dev/records')).json()) as unknown[]).length).toBe(before);
  await expect(page.getByRole('table', { name: 'Photos in the bucket' })).not.toContainText('uncaptioned.png');
});

test('the route’s rules come from the server: the picker offers images, and a text file is refused before anything is signed', async ({ page }) => {
  const signed: string[] = [];
  page.on('request', (sent) => {
    if (sent.method() === 'POST' && new URL(sent.url()).pathname.startsWith('/api/records')) signed.push(sent.url());
  });
  await page.goto('/records');
  // The page sets no accept: this is the photos route's, from GET /api/records?action=config&route=photos.
  await expect(page.getByLabel(/choose photos to record/i)).toHaveAttribute('accept', 'image/*');
  await page.getByLabel('Caption').fill('not a photo');
  const { path } = await randomFile('notes.txt', 512);
  await page.getByLabel(/choose photos to record/i).setInputFiles(path);
  await expect(rowOf(page, 'notes.txt')).toContainText('Files of type text/plain are not accepted (accepted: image/*)');
  expect(signed).toEqual([]);
});
