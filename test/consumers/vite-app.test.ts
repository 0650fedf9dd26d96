import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { createConsumerApp, waitForUrl, type ConsumerApp } from './consumer-app.ts';

/*
 * The packed package in a fresh Vite 8 + React 19 app with Vite's default
 * configuration: its production build (Lightning CSS minifies the stylesheet)
 * served by `vite preview`, and its dev server, in Chromium, uploading to
 * Miniflare through the installed package's own handler.
 */

const DEV_PORT = 5301;
const PREVIEW_PORT = 5302;
let app: ConsumerApp;
let r2: LocalR2;
let backend: Server;
let browser: Browser;

beforeAll(async () => {
  app = createConsumerApp(inject('tarball'), ['react', 'react-dom', '@tanstack/react-query', 'vite', '@vitejs/plugin-react'], 'vite-react');
  r2 = await startLocalR2();
  const server = (await import(pathToFileURL(join(app.dir, 'node_modules/r2-uploader/dist/server.js')).href)) as typeof import('r2-uploader/server');
  const handler = server.createR2UploadHandler({ endpoint: r2.endpoint, bucket: r2.bucket, accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, list: true });
  const node = server.toNodeHandler(handler);
  backend = createServer((req, res) => void node(req, res));
  await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
  const env = { R2U_BACKEND: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` };
  app.run('vite', ['build', '--logLevel', 'warn'], env);
  app.start('vite', ['preview', '--host', '127.0.0.1', '--port', String(PREVIEW_PORT), '--strictPort'], env);
  app.start('vite', ['--host', '127.0.0.1', '--port', String(DEV_PORT), '--strictPort'], env);
  await Promise.all([waitForUrl(`http://127.0.0.1:${PREVIEW_PORT}/`), waitForUrl(`http://127.0.0.1:${DEV_PORT}/`)]);
  browser = await chromium.launch(chromiumLaunchOptions());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  app?.remove();
  backend?.closeAllConnections();
  await new Promise((done) => (backend ? backend.close(done) : done(undefined)));
  await r2?.dispose();
});

const file = (name: string, mimeType: string, text: string) => ({ name, mimeType, buffer: Buffer.from(text) });

/** Uploads one accepted and one refused file, and waits for both rows to settle. */
async function uploadTwo(page: Page, tag: string): Promise<void> {
  await page.locator('input[type="file"]').first().setInputFiles([file(`notes ${tag} ü.txt`, 'text/plain', `hello from ${tag}`), file(`tool-${tag}.exe`, 'application/x-msdownload', 'MZ')]);
  await page.locator('.r2u-row[data-status="done"]').first().waitFor();
  await page.locator('.r2u-row[data-status="error"]').first().waitFor();
}

/** The computed colours of what the stylesheet draws. */
function colours(page: Page) {
  return page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`nothing matches ${selector}`);
      return getComputedStyle(element);
    };
    return {
      dropzoneBorder: style('.r2u-dropzone').borderTopColor,
      dropzoneBorderStyle: style('.r2u-dropzone').borderTopStyle,
      rowBorder: style('.r2u-row').borderTopColor,
      progressTrack: style('.r2u-progress').backgroundColor,
      doneBar: style('.r2u-row[data-status="done"] .r2u-progress-bar').backgroundColor,
      errorText: style('.r2u-row[data-status="error"] .r2u-error, .r2u-row[data-status="error"] .r2u-notice').color,
      text: style('.r2u-root').color,
    };
  });
}

async function coloursAt(port: number, colorScheme: 'light' | 'dark', tag: string) {
  const page = await browser.newPage({ colorScheme });
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await uploadTwo(page, tag);
    return await colours(page);
  } finally {
    await page.close();
  }
}

describe('a fresh Vite 8 app with the installed package', () => {
  it('uploads through the installed handler: the bytes and Content-Type are in the bucket, the ETag and the list show it', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PREVIEW_PORT}/`);
    await uploadTwo(page, 'prod');
    const keys = await r2.listKeys();
    const key = keys.find((name) => name.includes('notes prod'));
    expect(key, `bucket keys: ${keys.join(', ')}`).toBeDefined();
    const stored = await r2.getObject(key!);
    expect(new TextDecoder().decode(stored!.bytes)).toBe('hello from prod');
    expect(stored!.contentType).toBe('text/plain');
    expect(keys.some((name) => name.includes('tool-prod'))).toBe(false);
    await expect.poll(() => page.locator('.r2u-table').getByText('notes prod ü.txt').count()).toBeGreaterThan(0);
    expect(await page.locator('.r2u-row[data-status="done"]').textContent()).toContain(stored!.etag.replaceAll('"', '').slice(0, 8));
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws the same colours in the production build as in dev mode (${colorScheme} theme)`, async () => {
      const dev = await coloursAt(DEV_PORT, colorScheme, `dev-${colorScheme}`);
      const production = await coloursAt(PREVIEW_PORT, colorScheme, `build-${colorScheme}`);
      expect(production).toEqual(dev);
      // And they are colours: a lowered light-dark() left the border invalid, so it computed as the text colour.
      expect(dev.dropzoneBorderStyle).not.toBe('none');
      expect(new Set([dev.dropzoneBorder, dev.progressTrack, dev.doneBar, dev.errorText]).size).toBe(4);
      expect(dev.errorText).not.toBe(dev.text);
    });
  }
});
