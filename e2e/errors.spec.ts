import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomFile, readObject } from './bucket.ts';

/*
 * Buckets whose CORS policy is wrong, in Chromium against the dev stack: the
 * test proxy in front of the local bucket plays the policy. Each failure is
 * shown with its fix, promptly, and the upload works once the policy is fixed.
 */

interface ProxyReport {
  requests: Array<{ method: string; url: string; status?: number }>;
}

const rowOf = (page: Page, name: string) => page.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: name });

async function setBucketCors(request: APIRequestContext, cors: object[] | null): Promise<void> {
  const answer = await request.post('/__r2-dev/proxy', { data: { cors } });
  expect(answer.ok()).toBe(true);
}

/** The object key a PUT through the proxy wrote: its path after `<S3 endpoint path>/<bucket>/`. */
async function keyOfPut(request: APIRequestContext, url: string): Promise<string> {
  const info = (await (await request.get('/__r2-dev/bucket')).json()) as { endpoint: string; bucket: string };
  const prefix = `${new URL(info.endpoint).pathname}/${info.bucket}/`;
  const path = url.split('?')[0]!;
  expect(path.startsWith(prefix)).toBe(true);
  return path.slice(prefix.length).split('/').map(decodeURIComponent).join('/');
}

async function storePuts(request: APIRequestContext): Promise<ProxyReport['requests']> {
  const report = (await (await request.get('/__r2-dev/proxy')).json()) as ProxyReport;
  return report.requests.filter((r) => r.method === 'PUT');
}

/** Picks a file and waits for its row to fail with `message`: promptly, since nothing may hang. */
async function uploadUntilFailed(page: Page, path: string, name: string, message: string) {
  // Retries off: a blocked PUT would otherwise be retried (as a dropped connection is) before it fails.
  await page.goto('/?retry=off');
  const started = Date.now();
  await page.getByLabel(/choose files/i).setInputFiles(path);
  const row = rowOf(page, name);
  await expect(row.getByText(message)).toBeVisible({ timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(row.getByText('Failed')).toBeVisible();
  return { row, hint: row.locator('.r2u-hint') };
}

test.beforeEach(async ({ request }) => {
  await request.delete('/__r2-dev/proxy');
});
test.afterEach(async ({ request }) => {
  await request.delete('/__r2-dev/proxy');
});

test('a bucket whose CORS hides the ETag: the row names the fix, the object is stored, and Retry works once it is fixed', async ({ page, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await setBucketCors(request, [{ AllowedOrigins: [origin], AllowedMethods: ['PUT'], AllowedHeaders: ['content-type', 'if-none-match'], ExposeHeaders: [] }]);
  const { path } = await randomFile('hidden etag.png', 20 * 1024);
  const { row, hint } = await uploadUntilFailed(page, path, 'hidden etag.png', "The upload succeeded, but the bucket's CORS rules hide its ETag.");
  await expect(hint).toContainText('ExposeHeaders: ["ETag"]');
  await expect(hint).toContainText(`"AllowedOrigins":["${origin}"]`);
  await expect(hint).toContainText('npx wrangler r2 bucket cors set <bucket> --file cors.json');
  await expect(page.getByRole('status').filter({ hasText: 'hidden etag.png failed' })).toHaveCount(1);

  // The PUT itself worked: the bytes are in the bucket.
  const [put] = await storePuts(request);
  expect(put?.status).toBe(200);
  const key = await keyOfPut(request, put!.url);
  expect(key).toMatch(/^uploads\/[0-9a-f-]{36}\/hidden etag\.png$/);
  expect((await readObject(request, key)).bytes.byteLength).toBe(20 * 1024);

  // With the policy fixed, Retry uploads it and shows the ETag.
  await setBucketCors(request, [{ AllowedOrigins: [origin], AllowedMethods: ['PUT'], AllowedHeaders: ['content-type', 'if-none-match'], ExposeHeaders: ['ETag'] }]);
  await row.getByRole('button', { name: 'Retry upload of hidden etag.png' }).click();
  await expect(row.locator('.r2u-etag code')).toBeVisible({ timeout: 10_000 });
  await expect(row.locator('.r2u-hint')).toHaveCount(0);
});

test('a bucket whose CORS blocks the origin: the row names the rule to add, nothing reaches the bucket, and nothing hangs', async ({ page, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await setBucketCors(request, [{ AllowedOrigins: ['https://elsewhere.example'], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['content-type', 'if-none-match'], ExposeHeaders: ['ETag'] }]);
  const { path } = await randomFile('blocked.pdf', 50 * 1024);
  const { row, hint } = await uploadUntilFailed(page, path, 'blocked.pdf', 'The upload could not reach the store (network error).');
  await expect(row.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow', '100');
  await expect(hint).toContainText(`does not allow ${origin}`);
  await expect(hint).toContainText(`"AllowedOrigins":["${origin}"],"AllowedMethods":["PUT","GET","HEAD"],"AllowedHeaders":["content-type","if-none-match"],"ExposeHeaders":["ETag"]`);
  await expect(hint).toContainText(`{"rules":[{"allowed":{"origins":["${origin}"]`);
  await expect(hint).toContainText('npx wrangler r2 bucket cors set <bucket> --file cors.json');
  // The browser stopped at the preflight: no PUT reached the bucket.
  expect(await storePuts(request)).toEqual([]);
  await expect(page.getByRole('button', { name: 'Clear finished' })).toBeVisible();
});
