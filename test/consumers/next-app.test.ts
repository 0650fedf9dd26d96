import { createHash, randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { createConsumerApp, installedVersion, waitForUrl, type ConsumerApp } from './consumer-app.ts';

/*
 * The packed package in a fresh Next.js 16 App Router app: a Server Component
 * page that imports <R2Uploader> and <R2ObjectList> directly, and the
 * README's catch-all route with list, download and delete on, built by
 * `next build` (Turbopack) and served by `next start`, against Miniflare.
 */

const PORT = 5303;
const BIG = 12 * 1024 * 1024;
let app: ConsumerApp;
let r2: LocalR2;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = createConsumerApp(
    inject('tarball'),
    ['react', 'react-dom', '@tanstack/react-query', 'next', `typescript@${installedVersion('typescript-5.9')}`, '@types/react', '@types/react-dom', '@types/node'],
    'next-app',
  );
  r2 = await startLocalR2();
  const env = {
    NEXT_TELEMETRY_DISABLED: '1',
    R2_ENDPOINT: r2.endpoint,
    R2_BUCKET: r2.bucket,
    R2_ACCESS_KEY_ID: r2.accessKeyId,
    R2_SECRET_ACCESS_KEY: r2.secretAccessKey,
  };
  // Built without the secrets, as the README says a build can be; they are read per request.
  app.run('next', ['build'], { NEXT_TELEMETRY_DISABLED: '1' });
  app.start('next', ['start', '--hostname', '127.0.0.1', '--port', String(PORT)], env);
  await waitForUrl(`http://127.0.0.1:${PORT}/`);
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  app?.remove();
  await r2?.dispose();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('a fresh Next.js 16 App Router app with the installed package', () => {
  const small = { name: 'photo (1) ü.png', mimeType: 'image/png', buffer: randomBytes(2048) };
  const other = { name: 'second.png', mimeType: 'image/png', buffer: randomBytes(1024) };
  const big = { name: 'big.png', mimeType: 'image/png', buffer: randomBytes(BIG) };

  it('renders the Server Component page, and uploads two small files and a 12 MiB one in parts to the bucket', async () => {
    await page.goto(`http://127.0.0.1:${PORT}/`);
    // The page's own text, made on the server by the entry's plain functions (not client references).
    await expect.poll(() => page.locator('#server-rendered').textContent()).toBe('Images and PDFs up to 104.9 MB; tool.exe: content_type_not_allowed');
    await page.locator('input[type="file"]').first().setInputFiles([small, other, big]);
    await expect.poll(() => page.locator('.r2u-row[data-status="done"]').count(), { timeout: 60_000 }).toBe(3);

    const keys = await r2.listKeys();
    for (const file of [small, other, big]) {
      const key = keys.find((name) => name.endsWith(file.name));
      expect(key, `${file.name} in ${keys.join(', ')}`).toBeDefined();
      const stored = await r2.getObject(key!);
      expect(sha(stored!.bytes)).toBe(sha(file.buffer));
      expect(stored!.contentType).toBe('image/png');
    }
    // A multipart object's ETag ends in its part count.
    expect((await r2.getObject(keys.find((name) => name.endsWith('big.png'))!))!.etag).toMatch(/-\d+"$/);
  });

  it('lists the uploads, and deletes one from the list and the bucket', async () => {
    const table = page.locator('.r2u-table');
    for (const name of [small.name, other.name, big.name]) await expect.poll(() => table.getByText(name).count()).toBeGreaterThan(0);
    // The list names an object by its key, which ends in the file name.
    await page.getByRole('button', { name: /^Delete .*second\.png$/ }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(async () => (await r2.listKeys()).some((key) => key.endsWith(other.name))).toBe(false);
    await expect.poll(() => table.getByText(other.name).count()).toBe(0);
    expect((await r2.listKeys()).filter((key) => key.endsWith(small.name) || key.endsWith(big.name))).toHaveLength(2);
  });
});
