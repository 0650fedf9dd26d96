import { expect, test, type Page } from '@playwright/test';

/*
 * Which palette applies follows the system (prefers-color-scheme) unless
 * .r2u-dark / .r2u-light on the root or an ancestor say otherwise.
 */

const rootColor = (page: Page) => page.locator('.r2u-root').first().evaluate((root) => getComputedStyle(root).color);

test('dark colors follow prefers-color-scheme, and .r2u-light overrides it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  expect(await rootColor(page)).toBe('rgb(236, 236, 241)');
  await page.locator('html').evaluate((html) => html.classList.add('r2u-light'));
  expect(await rootColor(page)).toBe('rgb(29, 29, 31)');
});

test('light colors by default, and .r2u-dark on an ancestor forces dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  expect(await rootColor(page)).toBe('rgb(29, 29, 31)');
  await page.locator('html').evaluate((html) => html.classList.add('r2u-dark'));
  expect(await rootColor(page)).toBe('rgb(236, 236, 241)');
});
