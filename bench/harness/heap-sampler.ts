import type { CDPSession } from 'playwright';

/** JS heap during one run, in bytes: after a forced GC before the run, and the peaks while it ran. */
export interface HeapStats {
  baseline: number;
  /** The most the page's main thread and its workers used at once. */
  peakUsed: number;
  /** `peakUsed - baseline`: what the run held at its worst, workers included. */
  growth: number;
  /** The most the page's workers (the MD5 worker of `verify`) used at once, already in `peakUsed`. */
  peakWorkers: number;
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
 * The page's dedicated workers, attached over the page's CDP session. Not
 * flattened: Playwright's CDPSession cannot address a child session, so
 * commands go through `Target.sendMessageToTarget`.
 */
async function watchWorkers(cdp: CDPSession): Promise<{ usage(): Promise<HeapUsage[]>; stop(): Promise<void> }> {
  const workers = new Set<string>();
  const waiting = new Map<number, (usage: HeapUsage | undefined) => void>();
  let nextId = 1;
  const onAttached = (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') workers.add(event.sessionId);
  };
  const onDetached = (event: { sessionId: string }) => workers.delete(event.sessionId);
  const onMessage = (event: { message: string }) => {
    const answer = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
    if (answer.id === undefined) return;
    waiting.get(answer.id)?.(answer.result);
    waiting.delete(answer.id);
  };
  cdp.on('Target.attachedToTarget', onAttached);
  cdp.on('Target.detachedFromTarget', onDetached);
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const one = (sessionId: string) =>
    new Promise<HeapUsage | undefined>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      // A worker that ends between the question and the answer never answers.
      setTimeout(() => waiting.delete(id) && resolve(undefined), 1000);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(undefined));
    });
  return {
    async usage() {
      const all = await Promise.all([...workers].map(one));
      return all.filter((u): u is HeapUsage => u !== undefined);
    },
    async stop() {
      cdp.off('Target.attachedToTarget', onAttached);
      cdp.off('Target.detachedFromTarget', onDetached);
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false }).catch(() => undefined);
    },
  };
}

/**
 * Samples the page's heap, and its workers', over CDP every `intervalMs`
 * while a run goes on. CDP rather than `performance.memory` because it also
 * reports backing stores and workers, and sampling from outside adds no
 * timer to the page being measured.
 */
export async function startHeapSampler(cdp: CDPSession, intervalMs = 100): Promise<{ stop(): Promise<HeapStats> }> {
  const workers = await watchWorkers(cdp);
  await cdp.send('HeapProfiler.collectGarbage');
  const first = await usage(cdp);
  const firstWorkers = await workers.usage();
  const total = (main: HeapUsage, others: HeapUsage[], pick: (u: HeapUsage) => number | undefined) => [main, ...others].reduce((sum, u) => sum + (pick(u) ?? 0), 0);
  const baseline = total(first, firstWorkers, (u) => u.usedSize);
  let peakUsed = baseline;
  let peakWorkers = firstWorkers.reduce((sum, u) => sum + u.usedSize, 0);
  let peakBackingStore = first.backingStorageSize === undefined ? undefined : total(first, firstWorkers, (u) => u.backingStorageSize);
  let pending: Promise<void> = Promise.resolve();
  const sample = () => {
    pending = Promise.all([usage(cdp), workers.usage()]).then(
      ([main, others]) => {
        peakUsed = Math.max(peakUsed, total(main, others, (u) => u.usedSize));
        peakWorkers = Math.max(peakWorkers, others.reduce((sum, u) => sum + u.usedSize, 0));
        if (main.backingStorageSize !== undefined) peakBackingStore = Math.max(peakBackingStore ?? 0, total(main, others, (u) => u.backingStorageSize));
      },
      () => undefined,
    );
  };
  const timer = setInterval(sample, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await workers.stop();
      return { baseline, peakUsed, growth: peakUsed - baseline, peakWorkers, peakBackingStore };
    },
  };
}
