import type { LongTaskStats } from '../shared/protocol.ts';

// The default buffer holds 250 entries; a 1,000-file run makes several thousand.
performance.setResourceTimingBufferSize(1_000_000);

/** What the observers saw between `observeRun()` and its `stop()`. */
export interface Observed {
  longTasks: LongTaskStats;
  storeRequests: number;
  backendRequests: number;
  peakInFlight: number;
  storeProtocols: string[];
}

/** The most intervals open at once: a sweep over starts and ends, ends first on ties. */
export function peakOverlap(intervals: ReadonlyArray<{ start: number; end: number }>): number {
  const events = intervals.flatMap(({ start, end }) => [
    { at: start, delta: 1 },
    { at: end, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let peak = 0;
  for (const { delta } of events) peak = Math.max(peak, (open += delta));
  return peak;
}

/**
 * Starts watching main-thread long tasks and network requests. Requests are
 * read from resource timing, so every runner is measured the same way,
 * whatever it does inside.
 */
export function observeRun(): { stop(): Observed } {
  const longTasks: LongTaskStats = { count: 0, maxMs: 0, totalMs: 0 };
  const add = (entries: PerformanceEntryList) => {
    for (const entry of entries) {
      longTasks.count += 1;
      longTasks.maxMs = Math.max(longTasks.maxMs, entry.duration);
      longTasks.totalMs += entry.duration;
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  performance.clearResourceTimings();
  return {
    stop() {
      add(observer.takeRecords());
      observer.disconnect();
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const urls = entries.map((entry) => ({ entry, url: new URL(entry.name) }));
      // The store is the other origin; the backend is this origin's /api and /bench routes.
      const store = urls.filter(({ url }) => url.origin !== location.origin).map(({ entry }) => entry);
      const backend = urls.filter(({ url }) => url.origin === location.origin && /^\/(api|bench)\//.test(url.pathname));
      return {
        longTasks: { count: longTasks.count, maxMs: Math.round(longTasks.maxMs), totalMs: Math.round(longTasks.totalMs) },
        storeRequests: store.length,
        backendRequests: backend.length,
        peakInFlight: peakOverlap(store.map((entry) => ({ start: entry.startTime, end: entry.responseEnd }))),
        // Chromium blanks it for a cross-origin answer without Timing-Allow-Origin: 'hidden', not a protocol.
        storeProtocols: [...new Set(store.map((entry) => entry.nextHopProtocol || 'hidden'))].sort(),
      };
    },
  };
}
