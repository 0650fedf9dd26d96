import type { Browser } from 'playwright';
import { callPage, openBenchPage } from './browser.ts';
import type { EncodePhotos } from './test-files.ts';

/**
 * Node has no JPEG encoder; the bench page's canvas has. Draws each seed's
 * photo in one fresh bench page (page/photo.ts) and brings the JPEG back:
 * about a second per 12-megapixel photo, once per bench run.
 */
export function photoEncoder(browser: Browser, pageUrl: string): EncodePhotos {
  return async ({ width, height, quality, seeds }) => {
    const bench = await openBenchPage(browser, pageUrl, undefined);
    try {
      const photos: Buffer[] = [];
      for (const seed of seeds) photos.push(Buffer.from(await callPage(bench.page, 'photo', { width, height, seed, quality }), 'base64'));
      return photos;
    } finally {
      await bench.close();
    }
  };
}
