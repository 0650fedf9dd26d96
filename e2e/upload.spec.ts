import { expect, test } from '@playwright/test';
import { md5, randomFile, readObject } from './bucket.ts';
import { keyOf, shownEtag } from './page-helpers.ts';

test('a picked file uploads, shows its ETag, and the bucket holds the same bytes', { tag: '@react18' }, async ({ page, request }) => {
  const { path, bytes } = await randomFile('picked photo (1).png', 300 * 1024);
  await page.goto('/');
  await page.getByLabel(/choose files/i).setInputFiles(path);
  const etag = await shownEtag(page, 'picked photo (1).png');
  expect(etag).toBe(md5(bytes));
  const stored = await readObject(request, await keyOf(page, 'picked photo (1).png'));
  expect(md5(stored.bytes)).toBe(md5(bytes));
  expect(stored.bytes.equals(bytes)).toBe(true);
  expect(stored.contentType).toBe('image/png');
  // The e2e stack puts the fault proxy between browser and store; the PUT went through it.
  const report = (await (await request.get('/__r2-dev/proxy')).json()) as { requests: Array<{ method: string; status?: number; bytesIn: number }> };
  expect(report.requests).toContainEqual(expect.objectContaining({ method: 'PUT', status: 200, bytesIn: bytes.length }));
});

test('a dropped file uploads the same way', async ({ page, request }) => {
  await page.goto('/');
  const content = 'dropped at ' + Date.now();
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped notes.txt', { type: 'text/plain' }));
    return transfer;
  }, content);
  const zone = page.locator('.r2u-dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await expect(zone).toHaveAttribute('data-dragging', '');
  await zone.dispatchEvent('drop', { dataTransfer });
  const etag = await shownEtag(page, 'dropped notes.txt');
  expect(etag).toBe(md5(Buffer.from(content)));
  const stored = await readObject(request, await keyOf(page, 'dropped notes.txt'));
  expect(stored.bytes.toString()).toBe(content);
  expect(stored.contentType).toBe('text/plain');
});

test('a 50 MB upload shows progress moving before it completes', async ({ page, request }) => {
  const { path, bytes } = await randomFile('big.bin', 50 * 1024 * 1024);
  await page.goto('/');
  // Record every progress value the page shows, in the page itself, so no tick is missed.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) seen.push(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.getByLabel(/choose files/i).setInputFiles(path);
  const etag = await shownEtag(page, 'big.bin');
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  const between = seen.filter((value) => value > 0 && value < 100);
  expect(between.length).toBeGreaterThan(0);
  expect(seen.at(-1)).toBe(100);
  expect(etag).toBe(md5(bytes));
  const stored = await readObject(request, await keyOf(page, 'big.bin'));
  expect(md5(stored.bytes)).toBe(md5(bytes));
});
