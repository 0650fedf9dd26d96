// @ts-expect-error jsdom ships no types (and @types/jsdom is not installed); this file types the little it uses.
import { JSDOM } from 'jsdom';

/** The browser pieces a page at `url` gives the uploader: its XMLHttpRequest performs real CORS, as Chromium's does. */
export interface PageWindow {
  XMLHttpRequest: typeof XMLHttpRequest;
  File: typeof File;
  location: Location;
}

/**
 * A jsdom window for a page at `url`, for tests that run in Node next to
 * servers (Miniflare) that a jsdom test environment would break.
 */
export function pageWindow(url: string): PageWindow {
  const { window } = new JSDOM('', { url }) as { window: PageWindow };
  return window;
}
