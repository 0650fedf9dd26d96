import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { md5, readObject } from './bucket.ts';
import { devProxy } from './dev-stack.ts';
import { keyOf } from './page-helpers.ts';

/** The most intervals open at once (an interval ends before one starting at the same instant). */
function peakOverlap(requests: ReadonlyArray<{ start: number; end?: number }>): number {
  const edges = requests.flatMap(({ start, end }) => [
    { at: start, step: 1 },
    { at: end ?? Number.POSITIVE_INFINITY, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let peak = 0;
  for (const { step } of edges) peak = Math.max(peak, (open += step));
  return peak;
}

test('300 small files upload through one pool, never more than 3 requests in flight', async ({ page, request }) => {
  test.setTimeout(120_000);
  await devProxy.reset(request);
  // Slowed a little, so that requests would pile up if nothing held them back.
  await devProxy.inject(request, [{ method: 'PUT', times: 300, action: { type: 'delay', ms: 20 } }]);
  const dir = await mkdtemp(join(tmpdir(), 'r2u-e2e-pool-'));
  const files = await Promise.all(
    Array.from({ length: 300 }, async (_, i) => {
      const bytes = randomBytes(1000 + i * 13);
      const path = join(dir, `photo-${String(i).padStart(3, '0')}.jpg`);
      await writeFile(path, bytes);
      return { path, bytes, name: `photo-${String(i).padStart(3, '0')}.jpg` };
    }),
  );
  await page.goto('/?connections=3');
  await page.getByLabel(/choose files/i).setInputFiles(files.map((file) => file.path));

  // Rows come 100 at a time: the count says so, and "Show more" mounts the rest.
  await expect(page.getByText('Showing 100 of 300 uploads.')).toBeVisible();
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(page.getByText('Showing 200 of 300 uploads.')).toBeVisible();
  await page.getByRole('button', { name: 'Show more' }).click();
  const list = page.getByRole('list', { name: 'Uploads' });
  await expect(list.locator('.r2u-row[data-status="done"]')).toHaveCount(300, { timeout: 90_000 });
  const report = await devProxy.report(request);
  const puts = report.requests.filter((logged) => logged.method === 'PUT');
  expect(puts).toHaveLength(300);
  expect(puts.every((put) => put.status === 200)).toBe(true);
  // The server's own listing calls pass the same proxy; the pool governs the browser's PUTs.
  expect(peakOverlap(puts)).toBe(3);

  for (const file of [files[0]!, files[150]!, files[299]!]) {
    const stored = await readObject(request, await keyOf(page, file.name));
    expect(md5(stored.bytes)).toBe(md5(file.bytes));
  }
});
