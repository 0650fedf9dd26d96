import type { ImageWorkload, RunnerId, RunSpec } from '../shared/protocol.ts';
import type { LinkProfile } from './browser.ts';
import type { StoreRoute } from './stack.ts';

/** What a scenario's headline number is; both are "higher is better". */
export type Metric = 'MB/s' | 'files/s';

/** A runner in a scenario: the library (`subject`, compared with every baseline) or a baseline. */
export interface ScenarioRunner {
  id: RunnerId;
  label: string;
  role: 'subject' | 'baseline';
  /** This runner's files or parts in flight, where the scenario leaves them to each runner (s6*). */
  overrides?: Pick<RunSpec, 'concurrency' | 'partConcurrency'>;
}

export interface Scenario {
  id: string;
  title: string;
  metric: Metric;
  /** The run's shape, minus what is per run (runner, runId). */
  workload: Omit<RunSpec, 'runner' | 'runId'>;
  runners: ScenarioRunner[];
  link?: LinkProfile;
  /** Where the uploads go (default: Miniflare itself); a link's preflight delay needs a front. */
  store?: StoreRoute;
  /** The front adds `Timing-Allow-Origin`, so the page can read `nextHopProtocol` (s6t checks the protocol this way). */
  timingAllowOrigin?: boolean;
  /** Sample the JS heap over CDP during each run. */
  measureHeap?: boolean;
  /** Report main-thread long tasks and React commits (the UI scenario). */
  mainThread?: boolean;
  /** A baseline whose throughput shows whether the link emulation applies to uploads. */
  emulationCheck?: RunnerId;
}

export type Profile = 'full' | 'smoke';

const KiB = 1024;
const MiB = 1024 * KiB;

/** 50 ms and 100 Mbit/s (12.5 MB/s) each way: a good office or home uplink. */
export const THROTTLED_LINK: LinkProfile = { name: '50 ms, 100 Mbit/s', latencyMs: 50, bytesPerSecond: 12_500_000, preflightDelayMs: 50 };

/**
 * 5 MB/s and 125 ms: slow enough that the link, not this 2-core machine (about
 * 130–160 files/s of 64 KiB at most), is the bottleneck: it carries about 76
 * files/s of 64 KiB. Every HTTP/2 scenario (s6*) runs on it.
 */
export const SLOW_LINK: LinkProfile = { name: '5 MB/s, 125 ms', latencyMs: 125, bytesPerSecond: 5_000_000, preflightDelayMs: 125 };

/** How the report names where the uploads went. */
export const STORE_LABELS: Record<StoreRoute, string> = {
  direct: 'Miniflare (HTTP/1.1)',
  h1: 'HTTP/1.1 front',
  'h1-tls': 'HTTPS/1.1 front',
  h2: 'HTTP/2 front (TLS)',
};

/** Full sizes are the issue's; smoke sizes are the smallest that still take every code path (S3 parts are at least 5 MiB). */
const SIZES = {
  full: { single: 256 * MiB, multipart: 512 * MiB, throttledMultipart: 128 * MiB, partSize: 8 * MiB, smallCount: 300, uiCount: 1000, slowMultipart: 64 * MiB, photos: { count: 50, uiCount: 100, width: 4000, height: 3000 } },
  smoke: { single: 2 * MiB, multipart: 6 * MiB, throttledMultipart: 6 * MiB, partSize: 5 * MiB, smallCount: 12, uiCount: 20, slowMultipart: 6 * MiB, photos: { count: 3, uiCount: 3, width: 1600, height: 1200 } },
} as const;

/** s7's resize, the same for every runner: what a photo site would ask for. */
const PHOTO_RESIZE = { maxWidth: 2048, maxHeight: 2048, type: 'image/webp', quality: 0.8 } as const;

/** "8 MiB", "64 KiB". */
const bytesLabel = (n: number) => (n >= MiB ? `${+(n / MiB).toFixed(1)} MiB` : `${+(n / KiB).toFixed(1)} KiB`);

const FILES_AT_ONCE = 6;
const PARTS_AT_ONCE = 4;

const subject = (id: RunnerId, label: string): ScenarioRunner => ({ id, label, role: 'subject' });
const baseline = (id: RunnerId, label: string, overrides?: ScenarioRunner['overrides']): ScenarioRunner => ({ id, label, role: 'baseline', ...(overrides ? { overrides } : {}) });

/**
 * s6's runners: the library and Uppy with their own defaults (no concurrency
 * is passed: the library's pool decides how far to go on a multiplexed link),
 * raw XHR at HTTP/1.1's 6 (signed file by file, and batch-signed: the
 * HTTP/1.1 ceiling when signing costs no round trip per file), and
 * batch-signed raw XHR at 24 and 48 in flight: what HTTP/2 allows.
 */
function multiplexRunners(profile: Profile): ScenarioRunner[] {
  const runners = [
    subject('ours', 'r2-uploader (core), its defaults'),
    baseline('raw-xhr', `raw XHR, ${FILES_AT_ONCE} in flight`, { concurrency: FILES_AT_ONCE }),
    baseline('raw-batch', `raw XHR, batch signing, ${FILES_AT_ONCE} in flight`, { concurrency: FILES_AT_ONCE }),
    baseline('raw-batch-24', 'raw XHR, batch signing, 24 in flight', { concurrency: 24 }),
    baseline('raw-batch-48', 'raw XHR, batch signing, 48 in flight', { concurrency: 48 }),
    baseline('uppy', 'Uppy 6, its defaults'),
  ];
  // The same code as raw-batch-48 at other numbers: a smoke run (correctness only, s6* under 40 s) skips them.
  return profile === 'full' ? runners : runners.filter((runner) => runner.id !== 'raw-batch' && runner.id !== 'raw-batch-24');
}

/** The benchmark's scenarios, at full or smoke sizes. Runs interleave in the order listed here. */
export function scenarios(profile: Profile): Scenario[] {
  const size = SIZES[profile];
  const one = { fileCount: 1, concurrency: FILES_AT_ONCE, partSize: size.partSize, partConcurrency: PARTS_AT_ONCE };
  const small = (fileCount: number, fileSize: number) => ({ fileCount, fileSize, concurrency: FILES_AT_ONCE, partSize: size.partSize, partConcurrency: PARTS_AT_ONCE, multipart: false });
  const oursMultipart = subject('ours-multipart', 'r2-uploader, multipart');
  // The library's single PUT is s1's; here it would only add 10 to 15 s per round.
  const multipartOthers = [
    baseline('raw-multipart', `raw multipart, ${PARTS_AT_ONCE} parts in flight`),
    baseline('uppy', `Uppy 6 multipart, ${bytesLabel(size.partSize)} parts`),
    // Uppy's own part size (5 MiB) is how the issue measured its baseline; the row above is like for like.
    baseline('uppy-default-parts', 'Uppy 6 multipart, its default 5 MiB parts'),
  ];
  const manySmallRunners = [
    subject('ours', 'r2-uploader (core)'),
    baseline('raw-xhr', `raw XHR, ${FILES_AT_ONCE} in flight`),
    baseline('raw-batch', 'raw XHR, batch signing'),
    baseline('uppy', 'Uppy 6'),
  ];
  // No concurrency: each runner's own default, or its override (multiplexRunners).
  const slowSmall = (fileCount: number, fileSize: number) => ({ fileCount, fileSize, partSize: size.partSize, multipart: false });
  const images: ImageWorkload = { width: size.photos.width, height: size.photos.height, quality: 0.9, distinct: 5, resize: { ...PHOTO_RESIZE } };
  return [
    {
      id: 's1',
      title: 'One large file, single PUT',
      metric: 'MB/s',
      workload: { ...one, fileSize: size.single, multipart: false },
      runners: [subject('ours', 'r2-uploader'), baseline('raw-xhr', 'raw XHR PUT'), baseline('uppy', 'Uppy 6 (single PUT)')],
    },
    {
      id: 's2',
      title: 'One large file, multipart',
      metric: 'MB/s',
      workload: { ...one, fileSize: size.multipart, multipart: true },
      runners: [oursMultipart, subject('ours-multipart-verify', 'r2-uploader, multipart + verify'), ...multipartOthers],
      measureHeap: true,
    },
    {
      id: 's3',
      title: 'Many small files',
      metric: 'files/s',
      workload: small(size.smallCount, 64 * KiB),
      runners: manySmallRunners,
    },
    {
      id: 's4',
      title: 'Many small files through <R2Uploader> (UI included)',
      metric: 'files/s',
      workload: small(size.uiCount, 16 * KiB),
      runners: [
        subject('ours-ui', '<R2Uploader>'),
        subject('ours', 'r2-uploader core (no UI)'),
        baseline('raw-xhr', `raw XHR, ${FILES_AT_ONCE} in flight (no UI)`),
        baseline('uppy', 'Uppy 6 core (no UI)'),
      ],
      mainThread: true,
    },
    {
      id: 's5a',
      title: `One large file, multipart, throttled link (${THROTTLED_LINK.name})`,
      metric: 'MB/s',
      workload: { ...one, fileSize: size.throttledMultipart, multipart: true },
      runners: [oursMultipart, ...multipartOthers, baseline('raw-xhr', 'raw XHR single PUT')],
      link: THROTTLED_LINK,
      store: 'h1',
      emulationCheck: 'raw-xhr',
    },
    {
      id: 's5b',
      title: `Many small files, throttled link (${THROTTLED_LINK.name})`,
      metric: 'files/s',
      workload: small(size.smallCount, 64 * KiB),
      runners: manySmallRunners,
      link: THROTTLED_LINK,
      store: 'h1',
    },
    {
      id: 's6',
      title: `Many small files over HTTP/2 (${SLOW_LINK.name})`,
      metric: 'files/s',
      workload: slowSmall(size.smallCount, 64 * KiB),
      runners: multiplexRunners(profile),
      link: SLOW_LINK,
      store: 'h2',
      emulationCheck: 'raw-batch-48',
    },
    {
      id: 's6h1',
      title: `s6 over HTTPS/1.1 (${SLOW_LINK.name})`,
      metric: 'files/s',
      workload: slowSmall(size.smallCount, 64 * KiB),
      runners: multiplexRunners(profile),
      link: SLOW_LINK,
      store: 'h1-tls',
      emulationCheck: 'raw-batch-48',
    },
    {
      id: 's6t',
      title: `s6 with Timing-Allow-Origin, so the page sees the protocol (${SLOW_LINK.name})`,
      metric: 'files/s',
      workload: slowSmall(size.smallCount, 64 * KiB),
      runners: [subject('ours', 'r2-uploader (core), its defaults'), baseline('raw-batch-48', 'raw XHR, batch signing, 48 in flight', { concurrency: 48 })],
      link: SLOW_LINK,
      store: 'h2',
      timingAllowOrigin: true,
    },
    {
      id: 's6b',
      title: `One large file, multipart, over HTTP/2 (${SLOW_LINK.name})`,
      metric: 'MB/s',
      workload: { fileCount: 1, fileSize: size.slowMultipart, partSize: size.partSize, multipart: true },
      runners: [
        subject('ours-multipart', 'r2-uploader, multipart, its defaults'),
        baseline('raw-multipart', `raw multipart, ${PARTS_AT_ONCE} parts in flight`, { partConcurrency: PARTS_AT_ONCE }),
        baseline('raw-xhr', 'raw XHR single PUT', { concurrency: 1 }),
      ],
      link: SLOW_LINK,
      store: 'h2',
      emulationCheck: 'raw-xhr',
    },
    {
      id: 's6c',
      title: `Many small files through <R2Uploader> over HTTP/2 (${SLOW_LINK.name}, UI included)`,
      metric: 'files/s',
      workload: slowSmall(size.uiCount, 16 * KiB),
      runners: [subject('ours-ui', '<R2Uploader>, its defaults')],
      link: SLOW_LINK,
      store: 'h2',
      mainThread: true,
    },
    {
      id: 's7',
      title: `Photos resized to ${PHOTO_RESIZE.maxWidth} px WebP before upload`,
      metric: 'files/s',
      workload: { fileCount: size.photos.count, fileSize: 0, concurrency: FILES_AT_ONCE, partSize: size.partSize, partConcurrency: PARTS_AT_ONCE, multipart: false, images },
      runners: [
        subject('ours-resize', 'r2-uploader, resizeImages (in a Web Worker)'),
        baseline('uppy-compressor', 'Uppy 6 + @uppy/compressor (on the main thread)'),
      ],
      mainThread: true,
    },
    {
      id: 's7b',
      title: 'Photos through <R2Uploader>: a thumbnail per row, resized and sent (UI included)',
      metric: 'files/s',
      workload: { fileCount: size.photos.uiCount, fileSize: 0, concurrency: FILES_AT_ONCE, partSize: size.partSize, partConcurrency: PARTS_AT_ONCE, multipart: false, images },
      runners: [subject('ours-ui-resize', '<R2Uploader resizeImages>, thumbnails on')],
      mainThread: true,
    },
  ];
}

/** "1 × 256 MiB" or "300 × 64 KiB", plus parts for multipart work; photos by their pixels and what they become. */
export function describeWorkload(scenario: Scenario): string {
  const { fileCount, fileSize, partSize, partConcurrency, multipart, images } = scenario.workload;
  if (images) {
    const { width, height, resize } = images;
    const megapixels = +((width * height) / 1e6).toFixed(1);
    return `${fileCount.toLocaleString('en-US')} × ${megapixels} MP JPEG (${width} × ${height}) → WebP ≤ ${resize.maxWidth} px, quality ${resize.quality}`;
  }
  const files = `${fileCount.toLocaleString('en-US')} × ${bytesLabel(fileSize)}`;
  return multipart ? `${files}, ${bytesLabel(partSize)} parts${partConcurrency === undefined ? '' : `, ${partConcurrency} in flight`}` : files;
}

/** What the link can carry, in the scenario's metric. */
export interface LinkCapacity {
  value: number;
  /** How it was computed, for the report. */
  basis: string;
}

/**
 * The link's capacity: its bytes per second, in MB/s, or divided by the file
 * size in files/s. Request headers (about 1 KB a PUT) and latency are not
 * counted, so this is an upper bound, and a target as a fraction of it is
 * slightly stricter than it looks.
 */
export function linkCapacity(scenario: Scenario): LinkCapacity | undefined {
  const { link, metric, workload } = scenario;
  if (!link || workload.images) return undefined;
  const rate = `${+(link.bytesPerSecond / 1e6).toFixed(2)} MB/s`;
  if (metric === 'MB/s') return { value: link.bytesPerSecond / 1e6, basis: 'the throttle’s rate, request overhead not counted' };
  return { value: link.bytesPerSecond / workload.fileSize, basis: `${rate} ÷ ${bytesLabel(workload.fileSize)} per file, request overhead not counted` };
}
