import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { randomFile } from './bucket.ts';

/** A valid `width`×`height` RGB PNG of a checkerboard, built by hand so the test needs no image library. */
function checkerboardPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // no filter
    for (let x = 0; x < width; x++) rows.push(...((x + y) % 2 ? [243, 128, 32] : [255, 255, 255]));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** The bucket's table on the demo page. */
const table = (page: Page) => page.getByRole('table', { name: 'Files in the bucket' });

/** The row of an object whose key ends with `/<name>` (keys are `uploads/<random id>/<name>`). */
const rowOf = (page: Page, name: string) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`/${name.replaceAll('.', '\\.')}$`) }) });

test('an uploaded PNG shows a thumbnail the browser loads through the download redirect; bytes that are no image show none', async ({ page }) => {
  const stamp = Date.now();
  const name = `thumbnail-${stamp}.png`;
  const dir = await mkdtemp(join(tmpdir(), 'r2u-e2e-'));
  const path = join(dir, name);
  await writeFile(path, checkerboardPng(8, 8));
  const noiseName = `noise-${stamp}.png`;
  const noise = await randomFile(noiseName, 2_000);

  // Every request the page makes to the download route, with what it was for and what it got.
  const downloads: Array<{ type: string; status: number; accept: string }> = [];
  page.on('response', async (response) => {
    const request = response.request();
    if (new URL(request.url()).pathname !== '/api/upload/download') return;
    downloads.push({ type: request.resourceType(), status: response.status(), accept: (await request.allHeaders()).accept ?? '' });
  });

  await page.goto('/');
  await page.getByLabel(/choose files/i).setInputFiles([path, noise.path]);

  const thumbnail = rowOf(page, name).getByRole('img', { name: new RegExp(`^Preview of .*/${name.replaceAll('.', '\\.')}$`) });
  await expect(thumbnail).toBeVisible({ timeout: 30_000 });
  await expect(thumbnail).toHaveAttribute('loading', 'lazy');
  // A lazy image loads only near the viewport, and earlier tests' objects may push this row far down.
  await thumbnail.scrollIntoViewIfNeeded();
  // Loaded and decoded in the page: the browser followed the route's redirect to the presigned GET.
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0)), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(thumbnail).toHaveJSProperty('width', 40);

  // No script asked for the URL: the image request itself got the redirect.
  await expect.poll(() => downloads.filter((download) => download.type === 'image').map((download) => download.status)).toContain(302);
  expect(downloads.filter((download) => download.accept.includes('application/json'))).toEqual([]);

  // A ".png" that holds random bytes: its thumbnail goes (no broken-image icon), its row stays.
  await expect(rowOf(page, noiseName)).toBeVisible();
  // Lazy too: it loads (and fails) only once in view.
  await rowOf(page, noiseName).scrollIntoViewIfNeeded();
  await expect(rowOf(page, noiseName).getByRole('img')).toHaveCount(0, { timeout: 15_000 });
});
