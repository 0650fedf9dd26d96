import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { md5, randomFile } from './bucket.ts';

/** The bucket's table on the demo page. */
const table = (page: Page) => page.getByRole('table', { name: 'Files in the bucket' });

/** The row of an object whose key ends with `/<name>` (keys are `uploads/<random id>/<name>`). */
const rowOf = (page: Page, name: string) => table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`/${name.replace('.', '\\.')}$`) }) });

/** The names of the rows, in order, that end with one of `names`. */
async function orderOf(page: Page, names: string[]): Promise<string[]> {
  const headers = await table(page).getByRole('rowheader').allTextContents();
  return headers.map((text) => names.find((name) => text.endsWith(`/${name}`))).filter((name): name is string => name !== undefined);
}

test('uploads are listed at once, stay after the refetch and a reload, sort by size, and download as the same bytes', async ({ page }) => {
  const files = {
    'listed-small.bin': await randomFile('listed-small.bin', 1_500),
    'listed-large.bin': await randomFile('listed-large.bin', 240_000),
    'listed-medium.bin': await randomFile('listed-medium.bin', 36_000),
  };
  const names = Object.keys(files);
  await page.goto('/');
  // The first listing has arrived (other tests may have filled the bucket already).
  await expect(page.getByText('No files yet.').or(table(page))).toBeVisible();

  // From now on, listings wait until the test lets them through: the rows must show without them.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let heldListings = 0;
  await page.route(
    (url) => url.pathname === '/api/upload',
    async (route) => {
      if (route.request().method() === 'GET') {
        heldListings += 1;
        await gate;
      }
      await route.continue();
    },
  );

  await page.getByLabel(/choose files/i).setInputFiles(Object.values(files).map((file) => file.path));
  for (const name of names) {
    await expect(rowOf(page, name)).toBeVisible({ timeout: 30_000 });
    await expect(rowOf(page, name)).toHaveAttribute('data-pending', '');
  }
  await expect.poll(() => heldListings).toBeGreaterThan(0);
  await expect(table(page)).toHaveAttribute('aria-busy', 'true');

  release();
  for (const name of names) await expect(rowOf(page, name)).not.toHaveAttribute('data-pending');
  await expect(table(page)).not.toHaveAttribute('aria-busy');
  for (const name of names) await expect(rowOf(page, name)).toHaveCount(1);
  await page.unroute((url) => url.pathname === '/api/upload');

  await page.reload();
  for (const name of names) await expect(rowOf(page, name)).toBeVisible();

  const size = page.getByRole('columnheader', { name: /Size/ });
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'ascending');
  expect(await orderOf(page, names)).toEqual(['listed-small.bin', 'listed-medium.bin', 'listed-large.bin']);
  await expect(rowOf(page, 'listed-small.bin').getByRole('cell').first()).toHaveText('1.5 kB');
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'descending');
  expect(await orderOf(page, names)).toEqual(['listed-large.bin', 'listed-medium.bin', 'listed-small.bin']);

  const downloading = page.waitForEvent('download');
  await rowOf(page, 'listed-medium.bin').getByRole('link', { name: /^Download / }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('listed-medium.bin');
  const bytes = await readFile((await download.path())!);
  expect(md5(bytes)).toBe(md5(files['listed-medium.bin'].bytes));
  expect(bytes.equals(files['listed-medium.bin'].bytes)).toBe(true);
  // A download, not a navigation: the page is still the demo.
  await expect(table(page)).toBeVisible();
});
