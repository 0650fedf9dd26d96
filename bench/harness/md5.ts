import type { Browser } from 'playwright';
import { callPage, openBenchPage } from './browser.ts';
import type { Md5Report } from './report.ts';
import { summarize } from './stats.ts';

const SIZE = { full: 256 * 1024 * 1024, smoke: 4 * 1024 * 1024 } as const;

/**
 * MD5 throughput of the library's own module, in the page. Until the module
 * exists (bench/page/runners/md5.ts is `undefined`) it reports that, never a number.
 */
export async function measureMd5(browser: Browser, pageUrl: string, available: boolean, rounds: number, profile: keyof typeof SIZE): Promise<Md5Report> {
  if (!available) return { available: false, note: 'not yet available: the library has no MD5 module yet (fill in `hashMd5` in bench/page/runners/md5.ts)' };
  const rates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const bench = await openBenchPage(browser, pageUrl, undefined);
    try {
      const { bytes, seconds } = await callPage(bench.page, 'md5', SIZE[profile]);
      rates.push(bytes / 1e6 / seconds);
    } finally {
      await bench.close();
    }
  }
  const mbPerSecond = summarize(rates);
  if (!mbPerSecond) throw new Error('no MD5 rounds');
  return { available: true, size: SIZE[profile], mbPerSecond };
}
