import type { CDPSession } from 'playwright';

/** JS heap during one run, in bytes: after a forced GC before the run, and the peaks while it ran. */
export interface HeapStats {
  baseline: number;
  peakUsed: number;
  /** `peakUsed - baseline`: what the run held at its worst. */
  growth: number;
  /** ArrayBuffer backing stores live outside the JS heap; reading a file into memory shows here. */
  peakBackingStore: number | undefined;
}

interface HeapUsage {
  usedSize: number;
  /** Reported by recent Chromium versions only. */
  backingStorageSize?: number;
}

const usage = (cdp: CDPSession) => cdp.send('Runtime.getHeapUsage') as Promise<HeapUsage>;

/**
 * Samples the page's heap over CDP every `intervalMs` while a run goes on.
 * CDP rather than `performance.memory` because it also reports backing
 * stores, and sampling from outside adds no timer to the page being measured.
 */
export async function startHeapSampler(cdp: CDPSession, intervalMs = 100): Promise<{ stop(): Promise<HeapStats> }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const first = await usage(cdp);
  let peakUsed = first.usedSize;
  let peakBackingStore = first.backingStorageSize;
  let pending: Promise<void> = Promise.resolve();
  const sample = () => {
    pending = usage(cdp).then(
      ({ usedSize, backingStorageSize }) => {
        peakUsed = Math.max(peakUsed, usedSize);
        if (backingStorageSize !== undefined) peakBackingStore = Math.max(peakBackingStore ?? 0, backingStorageSize);
      },
      () => undefined,
    );
  };
  const timer = setInterval(sample, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      return { baseline: first.usedSize, peakUsed, growth: peakUsed - first.usedSize, peakBackingStore };
    },
  };
}
