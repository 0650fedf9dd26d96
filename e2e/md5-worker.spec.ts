import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';

/**
 * `blobMd5` (what `verify: true` uses) in Chromium: the digest is node:crypto's,
 * the hashing runs in a Web Worker (the page's own `Blob.prototype.slice` is never
 * called), and where a CSP forbids the worker it falls back to the main thread.
 */

const MiB = 1024 * 1024;
const source = fileURLToPath(new URL('../src/core/integrity/blob-md5.ts', import.meta.url));
/** The dev server serves the library's sources by path, transformed but not minified. */
const moduleUrl = `/@fs${source}`;

/** One random MiB; a file of n bytes is it repeated, so the page can build 64 MiB from 1 MiB of transfer. */
const chunk = randomBytes(MiB);
const bytesOf = (size: number) => {
  const out = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += MiB) chunk.copy(out, offset, 0, Math.min(MiB, size - offset));
  return out;
};
const nodeMd5 = (size: number) => createHash('md5').update(bytesOf(size)).digest('hex');

interface HashPage {
  hash(size: number, abortAfterMs?: number): Promise<{ hex?: string; error?: string; mainThreadSlices: number; ticks: number; longTasks: number[] }>;
}

/** Loads `blobMd5` from `url` (or from inline module code) into the page, with the counters the tests read. */
async function preparePage(page: Page, module: { url: string } | { code: string }) {
  await page.goto('/');
  if ('code' in module) await page.addScriptTag({ type: 'module', content: `${module.code}\nwindow.__blobMd5 = blobMd5;` });
  await page.evaluate(
    async ({ base64, url }) => {
      const w = window as unknown as { __blobMd5?: unknown; __hash: HashPage['hash'] };
      if (url) w.__blobMd5 = (await import(/* @vite-ignore */ url)).blobMd5;
      while (!w.__blobMd5) await new Promise((resolve) => setTimeout(resolve, 10));
      const blobMd5 = w.__blobMd5 as (blob: Blob, signal?: AbortSignal) => Promise<Uint8Array>;
      const base = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      // The main-thread fallback reads through this page's Blob.prototype.slice; a worker has its own.
      let mainThreadSlices = 0;
      const slice = Blob.prototype.slice;
      Blob.prototype.slice = function (this: Blob, ...args: Parameters<Blob['slice']>) {
        mainThreadSlices += 1;
        return slice.apply(this, args);
      };
      w.__hash = async (size, abortAfterMs) => {
        const parts: Uint8Array[] = [];
        for (let offset = 0; offset < size; offset += base.length) parts.push(base.subarray(0, Math.min(base.length, size - offset)));
        const blob = new Blob(parts as BlobPart[]);
        mainThreadSlices = 0;
        let ticks = 0;
        const ticker = setInterval(() => (ticks += 1), 5);
        const longTasks: number[] = [];
        const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => Math.round(entry.duration))));
        observer.observe({ type: 'longtask' });
        const controller = new AbortController();
        if (abortAfterMs !== undefined) setTimeout(() => controller.abort(), abortAfterMs);
        try {
          const digest = await blobMd5(blob, controller.signal);
          return { hex: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), mainThreadSlices, ticks, longTasks };
        } catch (error) {
          return { error: (error as { code?: string }).code ?? String(error), mainThreadSlices, ticks, longTasks };
        } finally {
          clearInterval(ticker);
          longTasks.push(...observer.takeRecords().map((entry) => Math.round(entry.duration)));
          observer.disconnect();
        }
      };
    },
    { base64: chunk.toString('base64'), url: 'url' in module ? module.url : undefined },
  );
}

const hash = (page: Page, size: number, abortAfterMs?: number) =>
  page.evaluate(([n, abort]) => (window as unknown as { __hash: HashPage['hash'] }).__hash(n, abort), [size, abortAfterMs] as const);

const SIZES = [0, 1, 63, 64, 65, 1000, 4 * MiB, 4 * MiB + 3, 9 * MiB + 17];

test('hashes in a worker: the digest is node:crypto’s MD5 at every size, including 0 bytes and sizes that are not multiples of 64', async ({ page }) => {
  await preparePage(page, { url: moduleUrl });
  for (const size of SIZES) {
    const result = await hash(page, size);
    expect(result.hex, `${size} bytes`).toBe(nodeMd5(size));
    expect(result.mainThreadSlices, `${size} bytes`).toBe(0);
  }
});

test('the main thread stays responsive while 64 MiB are hashed: the worker reads and hashes, the page’s timers keep running', async ({ page }) => {
  await preparePage(page, { url: moduleUrl });
  const result = await hash(page, 64 * MiB);
  expect(result.hex).toBe(nodeMd5(64 * MiB));
  expect(result.mainThreadSlices).toBe(0);
  expect(result.ticks).toBeGreaterThan(0);
  expect(result.longTasks.filter((ms) => ms > 50)).toEqual([]);
});

test('an abort rejects with a canceled error at once, and the worker goes on serving the next hash', async ({ page }) => {
  await preparePage(page, { url: moduleUrl });
  expect((await hash(page, 64 * MiB, 5)).error).toBe('canceled');
  const next = await hash(page, 5 * MiB + 1);
  expect(next.hex).toBe(nodeMd5(5 * MiB + 1));
  expect(next.mainThreadSlices).toBe(0);
});

test('minified as an app’s bundler would, the worker still runs and hashes right', async ({ page }) => {
  const bundle = await build({ entryPoints: [source], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2020', write: false, logLevel: 'silent' });
  const minified = bundle.outputFiles[0]!.text;
  // The exported name is minified too: export it under a fixed name for the page.
  const exported = /export\s*\{([^}]*)\}/.exec(minified)?.[1]?.split(',').map((s) => s.trim().split(/\s+as\s+/)).find(([, name]) => name === 'blobMd5')?.[0];
  expect(exported).toBeTruthy();
  await preparePage(page, { code: `${minified.replace(/export\s*\{[^}]*\};?\s*$/, '')}\nconst blobMd5 = ${exported};` });
  const result = await hash(page, 4 * MiB + 3);
  expect(result.hex).toBe(nodeMd5(4 * MiB + 3));
  expect(result.mainThreadSlices).toBe(0);
});

test('where a CSP forbids workers, it hashes on the main thread instead, with the same digest', async ({ page }) => {
  await page.route('/', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "worker-src 'none'" } });
  });
  await preparePage(page, { url: moduleUrl });
  const violations = page.evaluate(() => new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true })));
  const first = await hash(page, 9 * MiB + 17);
  expect(first.hex).toBe(nodeMd5(9 * MiB + 17));
  expect(first.mainThreadSlices).toBe(3);
  expect(await violations).toBe('worker-src');
  // The page does not try the worker again.
  const second = await hash(page, 65);
  expect(second.hex).toBe(nodeMd5(65));
});
