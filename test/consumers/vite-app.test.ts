import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { createConsumerApp, waitForUrl, type ConsumerApp } from './consumer-app.ts';

/*
 * The packed package in fresh Vite 8 + React 19 apps: one with Vite's default
 * configuration (Lightning CSS minifies the stylesheet), one with Tailwind v4
 * (its Vite plugin takes our stylesheet by @import into its own pipeline).
 * Each app's production build is served by `vite preview` and compared in
 * Chromium with its dev server, uploading to Miniflare through the installed
 * package's own handler. The default app also builds three pages (hook only,
 * component, everything) to measure what each really ships.
 */

/** A fresh app from `template`, with its dev server and `vite preview` of its production build running. */
interface RunningApp {
  app: ConsumerApp;
  devPort: number;
  previewPort: number;
}

const variants = [
  { name: 'Vite 8 + React 19, default config', template: 'vite-react', devPort: 5301, previewPort: 5302, extra: [] as string[] },
  // Tailwind's Vite plugin runs the CSS (ours included, by @import) through its own Lightning CSS pipeline.
  { name: 'Vite 8 + Tailwind v4', template: 'vite-tailwind', devPort: 5305, previewPort: 5306, extra: ['tailwindcss', '@tailwindcss/vite'] },
];
const apps = new Map<string, RunningApp>();
let r2: LocalR2;
let backend: Server;
let browser: Browser;

beforeAll(async () => {
  r2 = await startLocalR2();
  // The handler runs from the first app's installed package: every app proxies /api to it.
  const first = createConsumerApp(inject('tarball'), ['react', 'react-dom', '@tanstack/react-query', 'vite', '@vitejs/plugin-react'], variants[0]!.template);
  const server = (await import(pathToFileURL(join(first.dir, 'node_modules/r2-uploader/dist/server.js')).href)) as typeof import('r2-uploader/server');
  const handler = server.createR2UploadHandler({ endpoint: r2.endpoint, bucket: r2.bucket, accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, list: true });
  const node = server.toNodeHandler(handler);
  backend = createServer((req, res) => void node(req, res));
  await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
  const env = { R2U_BACKEND: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` };
  for (const [index, variant] of variants.entries()) {
    const app = index === 0 ? first : createConsumerApp(inject('tarball'), ['react', 'react-dom', '@tanstack/react-query', 'vite', '@vitejs/plugin-react', ...variant.extra], variant.template);
    apps.set(variant.template, { app, devPort: variant.devPort, previewPort: variant.previewPort });
    app.run('vite', ['build', '--logLevel', 'warn'], env);
    app.start('vite', ['preview', '--host', '127.0.0.1', '--port', String(variant.previewPort), '--strictPort'], env);
    app.start('vite', ['--host', '127.0.0.1', '--port', String(variant.devPort), '--strictPort'], env);
  }
  await Promise.all(variants.flatMap((variant) => [waitForUrl(`http://127.0.0.1:${variant.previewPort}/`), waitForUrl(`http://127.0.0.1:${variant.devPort}/`)]));
  browser = await chromium.launch(chromiumLaunchOptions());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const { app } of apps.values()) app.remove();
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
      // A Tailwind utility on the component (mb-6 in the Tailwind app; 0px without Tailwind).
      rootMarginBottom: style('.r2u-root').marginBottom,
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

describe.each(variants)('a fresh app with the installed package: $name', ({ template }) => {
  const running = () => apps.get(template)!;

  it('uploads through the installed handler: the bytes and Content-Type are in the bucket, the ETag and the list show it', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${running().previewPort}/`);
    const tag = `prod-${template}`;
    await uploadTwo(page, tag);
    const keys = await r2.listKeys();
    const key = keys.find((name) => name.includes(`notes ${tag}`));
    expect(key, `bucket keys: ${keys.join(', ')}`).toBeDefined();
    const stored = await r2.getObject(key!);
    expect(new TextDecoder().decode(stored!.bytes)).toBe(`hello from ${tag}`);
    expect(stored!.contentType).toBe('text/plain');
    expect(keys.some((name) => name.includes(`tool-${tag}`))).toBe(false);
    await expect.poll(() => page.locator('.r2u-table').getByText(`notes ${tag} ü.txt`).count()).toBeGreaterThan(0);
    expect(await page.locator('.r2u-row[data-status="done"]').textContent()).toContain(stored!.etag.replaceAll('"', '').slice(0, 8));
    await page.close();
  });

  it("an image row's thumbnail is made in a worker whose source survived the app's minifier", async () => {
    const page = await browser.newPage();
    // The worker's program is the library's own function as text: a minifier that changed it to need anything outside itself would break it.
    await page.addInitScript(() => {
      const NativeWorker = window.Worker;
      const errors: string[] = [];
      const started: string[] = [];
      Object.assign(window, { workerErrors: errors, workersStarted: started });
      window.Worker = class extends NativeWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          started.push(String(url));
          this.addEventListener('error', (event) => errors.push(event.message));
        }
      };
    });
    await page.goto(`http://127.0.0.1:${running().previewPort}/`);
    const png = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(640, 480);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#f38020';
      context.fillRect(0, 0, 640, 480);
      return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    });
    await page.locator('input[type="file"]').first().setInputFiles({ name: `sunset ${template}.png`, mimeType: 'image/png', buffer: Buffer.from(png) });
    const thumbnail = page.getByRole('img', { name: `Preview of sunset ${template}.png` });
    await thumbnail.waitFor();
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
    const { errors, started } = await page.evaluate(() => {
      const seen = window as unknown as { workerErrors: string[]; workersStarted: string[] };
      return { errors: seen.workerErrors, started: seen.workersStarted };
    });
    expect(errors).toEqual([]);
    expect(started.filter((url) => url.startsWith('blob:')).length).toBeGreaterThan(0);
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws the same colours in the production build as in dev mode (${colorScheme} theme)`, async () => {
      const dev = await coloursAt(running().devPort, colorScheme, `dev-${template}-${colorScheme}`);
      const production = await coloursAt(running().previewPort, colorScheme, `build-${template}-${colorScheme}`);
      expect(production).toEqual(dev);
      // And they are colours: a lowered light-dark() left the border invalid, so it computed as the text colour.
      expect(dev.dropzoneBorderStyle).not.toBe('none');
      expect(new Set([dev.dropzoneBorder, dev.progressTrack, dev.doneBar, dev.errorText]).size).toBe(4);
      expect(dev.errorText).not.toBe(dev.text);
      expect(dev.rootMarginBottom).toBe(template === 'vite-tailwind' ? '24px' : '0px');
    });
  }
});

/** A page's JavaScript in the Vite manifest: the entry and what it imports statically, and what it loads with import(). */
function pageChunks(dir: string, manifest: Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>, page: string) {
  const eager = new Set<string>();
  const lazy = new Set<string>();
  const visit = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || eager.has(chunk.file) || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported, into);
    for (const dynamic of chunk.dynamicImports ?? []) visit(dynamic, lazy);
  };
  visit(page, eager);
  for (const file of eager) lazy.delete(file);
  const read = (file: string) => readFileSync(join(dir, file));
  const gzip = (files: Set<string>) => [...files].reduce((sum, file) => sum + gzipSync(read(file), { level: 9 }).length, 0);
  return { eager: gzip(eager), lazy: gzip(lazy), code: [...eager].map((file) => read(file).toString('utf8')).join('\n') };
}

describe('what pages of a Vite app pay (its real production chunks, React included)', () => {
  it('a hook-only page carries neither the component nor its messages, and costs less than a component page', () => {
    const { app } = apps.get('vite-react')!;
    app.run('vite', ['build', '--config', 'vite.sizes.config.js', '--logLevel', 'warn']);
    const dir = join(app.dir, 'dist-sizes');
    const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8'));
    const [bare, hook, component, everything] = ['pages/bare.html', 'pages/hook.html', 'pages/component.html', 'pages/everything.html'].map((page) => pageChunks(dir, manifest, page));
    // The component's class names and its English messages are not in the hook page's code.
    expect(component!.code).toContain('r2u-dropzone');
    expect(hook!.code).not.toContain('r2u-dropzone');
    expect(hook!.code).not.toMatch(/Show more|Clear finished/);
    expect(hook!.eager).toBeLessThan(component!.eager);
    expect(component!.eager).toBeLessThanOrEqual(everything!.eager);
    // What r2-uploader adds to a page: its chunks beyond those of a page with React and react-query only.
    const added = (page: typeof hook) => `${((page!.eager - bare!.eager) / 1024).toFixed(1)} kB eager + ${(page!.lazy / 1024).toFixed(1)} kB lazy`;
    console.info(`Vite app pages, gzip -9, beyond React's and react-query's ${(bare!.eager / 1024).toFixed(1)} kB: hook ${added(hook)}; component ${added(component)}; everything ${added(everything)}`);
  });
});
