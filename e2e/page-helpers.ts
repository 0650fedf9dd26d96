import { expect, type Page } from '@playwright/test';

/** The row of the uploader that shows `name`. */
export const rowOf = (page: Page, name: string) => page.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: name });

/** The ETag text shown in a row, without quotes. */
export async function shownEtag(page: Page, name: string, timeout = 30_000): Promise<string> {
  const etag = rowOf(page, name).locator('.r2u-etag code');
  await expect(etag).toBeVisible({ timeout });
  return ((await etag.textContent()) ?? '').replaceAll('"', '').trim();
}

/** The key the demo lists for an upload. */
export async function keyOf(page: Page, name: string): Promise<string> {
  const item = page.getByTestId('results').getByRole('listitem').filter({ hasText: name });
  return ((await item.locator('code').first().textContent()) ?? '').trim();
}
