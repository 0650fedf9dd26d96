import { expect, test } from '@playwright/test';

// Tagged @react18, this and the tests tagged so run in both projects: `react18` has the demo on React 18.3 (playwright.config.ts).
test('the demo renders with the React of its project', { tag: '@react18' }, async ({ page }, { project }) => {
  await page.goto('/');
  await expect(page.getByLabel(/choose files/i)).toBeAttached();
  await expect(page.locator('html')).toHaveAttribute('data-react-version', project.name === 'react18' ? /^18\.3\./ : /^19\./);
});
