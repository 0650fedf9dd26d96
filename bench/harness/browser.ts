import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../../test/support/chromium.ts';
import type { BenchPageApi } from '../shared/protocol.ts';

/** A link to emulate with CDP: latency in ms each way, throughput in bytes per second each way. */
export interface LinkProfile {
  name: string;
  latencyMs: number;
  bytesPerSecond: number;
  /**
   * How long the store front holds each CORS preflight answer (one latency):
   * CDP delays requests but not preflights, so without it a cross-origin PUT
   * pays its latency once instead of twice. It needs a front (scenario.store).
   */
  preflightDelayMs?: number;
}

/** Headless Chromium with the project's launch options plus precise `performance.memory`. */
export function launchBrowser(): Promise<Browser> {
  const options = chromiumLaunchOptions();
  return chromium.launch({ ...options, headless: true, args: [...options.args, '--enable-precise-memory-info'] });
}

/** One fresh page per run, so that no file, listener or heap object of a previous run survives. */
export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/**
 * `acceptSelfSigned`: the page's context accepts the TLS fronts' throwaway
 * certificate (store-front.ts). Only the bench's own pages are told so.
 */
export async function openBenchPage(browser: Browser, url: string, link: LinkProfile | undefined, acceptSelfSigned = false): Promise<BenchPage> {
  const page = await browser.newPage({ ignoreHTTPSErrors: acceptSelfSigned });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  await page.waitForFunction(() => 'ready' in document.body.dataset);
  // After the page has loaded (its load is not measured), for every request the run makes: the backend's and the uploads.
  if (link) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: link.bytesPerSecond,
      uploadThroughput: link.bytesPerSecond,
    });
  }
  return { page, cdp, close: () => page.close() };
}

/** Calls one method of the page's `window.__bench`. */
export function callPage<K extends keyof BenchPageApi>(page: Page, method: K, ...args: Parameters<BenchPageApi[K]>): Promise<Awaited<ReturnType<BenchPageApi[K]>>> {
  return page.evaluate(
    ([name, params]) => {
      const api = (window as unknown as { __bench: Record<string, (...a: unknown[]) => unknown> }).__bench;
      return api[name]?.(...params);
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<BenchPageApi[K]>>>;
}
