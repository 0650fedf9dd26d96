import { createHash, randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { createConsumerApp, installedVersion, root, waitForUrl, type ConsumerApp } from './consumer-app.ts';

/*
 * The packed package in a fresh Next.js 16 App Router app: a Server Component
 * page that imports <R2Uploader> and <R2ObjectList> directly, and the
 * README's catch-all route with list, download and delete on, built by
 * `next build` (Turbopack) and served by `next start`, against Miniflare.
 * Beside it, the README's routes recipe (examples/nextjs: a `photos` route
 * with a zod schema whose onUploadComplete writes to SQLite, and its page).
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
    ['react', 'react-dom', '@tanstack/react-query', 'next', 'zod', `typescript@${installedVersion('typescript-5.9')}`, '@types/react', '@types/react-dom', '@types/node'],
    'next-app',
  );
  // The recipe as the README shows it, where a Next.js app keeps it.
  for (const path of ['app/photos', 'app/api/photos', 'lib']) cpSync(join(root, 'examples/nextjs', path), join(app.dir, path), { recursive: true });
  r2 = await startLocalR2();
  const env = {
    NEXT_TELEMETRY_DISABLED: '1',
    R2_ENDPOINT: r2.endpoint,
    R2_BUCKET: r2.bucket,
    R2_ACCESS_KEY_ID: r2.accessKeyId,
    R2_SECRET_ACCESS_KEY: r2.secretAccessKey,
    PHOTOS_DB: join(app.dir, 'photos.sqlite'),
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

  it('runs the routes recipe: a photo with a caption, checked by zod, recorded in SQLite by onUploadComplete, its serverData shown', async () => {
    const photo = { name: 'lake.png', mimeType: 'image/png', buffer: randomBytes(4096) };
    await page.context().addCookies([{ name: 'user', value: 'ada', url: `http://127.0.0.1:${PORT}` }]);
    await page.goto(`http://127.0.0.1:${PORT}/photos`);
    const input = page.locator('input[type="file"]');
    // The page sets no accept: it is the photos route's, from GET /api/photos?action=config&route=photos.
    await expect.poll(() => input.getAttribute('accept')).toBe('image/*');
    await page.getByLabel('Caption').fill('Ada at the lake');
    await input.setInputFiles(photo);
    await expect.poll(() => page.getByText(/^Saved as photo #\d+: Ada at the lake$/).count(), { timeout: 30_000 }).toBe(1);

    const rows = new DatabaseSync(join(app.dir, 'photos.sqlite'), { readOnly: true }).prepare('SELECT id, key, user_id AS userId, caption, size, content_type AS contentType FROM photos').all();
    expect(rows).toEqual([{ id: 1, key: expect.stringMatching(/^photos\/ada\/[0-9a-f-]{36}\/lake\.png$/), userId: 'ada', caption: 'Ada at the lake', size: 4096, contentType: 'image/png' }]);
    expect(await page.getByText(/^Saved as photo #\d+/).textContent()).toBe('Saved as photo #1: Ada at the lake');
    const stored = await r2.getObject(String(rows[0]!.key));
    expect(sha(stored!.bytes)).toBe(sha(photo.buffer));
    // The Server Component read the row (router.refresh() after the upload).
    await expect.poll(() => page.getByRole('table', { name: 'Your photos' }).textContent()).toContain('Ada at the lake');

    // Without a caption the route's schema refuses it: nothing recorded, nothing stored.
    const before = (await r2.listKeys()).length;
    await page.getByLabel('Caption').fill('');
    await input.setInputFiles({ ...photo, name: 'uncaptioned.png' });
    await expect.poll(() => page.getByText('Write a caption.').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(new DatabaseSync(join(app.dir, 'photos.sqlite'), { readOnly: true }).prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: 1 });
    expect((await r2.listKeys()).length).toBe(before);
  });
});
