import type { Browser } from 'playwright';
import type { Md5Where } from '../shared/protocol.ts';
import { callPage, openBenchPage } from './browser.ts';
import type { Md5Report } from './report.ts';
import type { TestFiles } from './test-files.ts';
import { summarize, type Summary } from './stats.ts';

const SIZE = { full: 256 * 1024 * 1024, smoke: 4 * 1024 * 1024 } as const;
const WHERE: readonly Md5Where[] = ['worker', 'main-thread'];

/**
 * MD5 throughput of the library's own module in the page, in its worker and
 * on the main thread, interleaved round by round, each run in a fresh page.
 * Until the module exists (bench/page/runners/md5.ts is `undefined`) it reports that, never a number.
 */
export async function measureMd5(browser: Browser, pageUrl: string, files: TestFiles, available: boolean, rounds: number, profile: keyof typeof SIZE): Promise<Md5Report> {
  if (!available) return { available: false, note: 'not yet available: the library has no MD5 module yet (fill in `hashMd5` in bench/page/runners/md5.ts)' };
  const rates: Record<Md5Where, number[]> = { worker: [], 'main-thread': [] };
  const paths = await files.paths(1, SIZE[profile]);
  for (let round = 0; round < rounds; round += 1) {
    for (const where of round % 2 === 0 ? WHERE : [...WHERE].reverse()) {
      const bench = await openBenchPage(browser, pageUrl, undefined);
      try {
        await bench.page.setInputFiles('#files', paths);
        const { bytes, seconds } = await callPage(bench.page, 'md5', where);
        rates[where].push(bytes / 1e6 / seconds);
      } finally {
        await bench.close();
      }
    }
  }
  const must = (summary: Summary | undefined) => {
    if (!summary) throw new Error('no MD5 rounds');
    return summary;
  };
  return { available: true, size: SIZE[profile], mbPerSecond: must(summarize(rates.worker)), mainThreadMbPerSecond: must(summarize(rates['main-thread'])) };
}
