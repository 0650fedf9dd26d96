import { expect, test, type Locator } from '@playwright/test';
import { md5, randomFile, readObject } from './bucket.ts';
import { keyOf, rowOf, shownEtag } from './page-helpers.ts';

/** The link Chromium emulates: 1 MB/s up, so two 2.5 MB files take about 5 s. */
const LINK_BYTES_PER_SECOND = 1_000_000;
const SPEED = /^(\d+(?:\.\d)?) (kB|MB)\/s · (\d+) sec left$/;

/** The speed a `.r2u-speed` element shows, in bytes per second, and its seconds left. */
async function shownSpeed(speed: Locator): Promise<{ bytesPerSecond: number; secondsLeft: number }> {
  const match = SPEED.exec(((await speed.textContent()) ?? '').trim());
  if (!match) throw new Error(`not a speed: ${await speed.textContent()}`);
  return { bytesPerSecond: Number(match[1]) * (match[2] === 'MB' ? 1e6 : 1e3), secondsLeft: Number(match[3]) };
}

test('on a slow link, rows and the summary show the measured speed and time left, and the live region says the time left at a 25 % step', async ({ page, request }) => {
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: LINK_BYTES_PER_SECOND });
  const names = ['site survey.mov', 'site plan.pdf'];
  const files = await Promise.all(names.map((name) => randomFile(name, 2_500_000)));
  await page.getByLabel(/choose files/i).setInputFiles(files.map((file) => file.path));

  // Two files share the link: each row shows its own share, the summary the whole link.
  const summary = page.locator('.r2u-summary');
  await expect(summary).toContainText(/^Uploading 2 files: \d+%/);
  const total = summary.locator('.r2u-speed');
  await expect(total).toHaveText(SPEED, { timeout: 10_000 });
  const { bytesPerSecond, secondsLeft } = await shownSpeed(total);
  expect(bytesPerSecond).toBeGreaterThan(LINK_BYTES_PER_SECOND * 0.4);
  expect(bytesPerSecond).toBeLessThan(LINK_BYTES_PER_SECOND * 2);
  expect(secondsLeft).toBeGreaterThan(0);
  expect(secondsLeft).toBeLessThanOrEqual(12);

  const rowSpeed = rowOf(page, 'site survey.mov').locator('.r2u-speed');
  await expect(rowSpeed).toHaveText(SPEED, { timeout: 10_000 });
  expect((await shownSpeed(rowSpeed)).bytesPerSecond).toBeLessThan(bytesPerSecond * 1.5);

  await expect(page.getByRole('status').first()).toContainText(/: (25|50|75)% uploaded, about \d+ seconds left\./, { timeout: 10_000 });

  // Done: the bytes are stored, and neither speed nor summary lingers.
  for (const [index, name] of names.entries()) expect(await shownEtag(page, name)).toBe(md5(files[index]!.bytes));
  await expect(page.locator('.r2u-speed')).toHaveCount(0);
  await expect(summary).toHaveCount(0);
  const stored = await readObject(request, await keyOf(page, 'site plan.pdf'));
  expect(md5(stored.bytes)).toBe(md5(files[1]!.bytes));
});
