import { act, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { useR2Upload, type UseR2UploadResult } from '../../src/react/index.ts';
import { frameThrottled } from '../../src/react/frame-throttle.ts';
import { toBucket as target } from '../support/msw-bucket.ts';
import { installXhr, ScriptedXhr } from '../support/scripted-xhr.ts';

/**
 * An XMLHttpRequest whose PUT fires `events` progress events, each in its own
 * task but all within a few milliseconds (as several PUTs on a fast link do
 * between two frames), then completes a moment later.
 */
function installBurstyXhr(events: number): () => void {
  class BurstyXhr extends ScriptedXhr {
    send(body: Blob) {
      const progress = (index: number) => {
        if (index > events) return;
        this.upload.onprogress?.({ loaded: Math.floor((body.size * index) / (events + 1)) });
        setImmediate(() => progress(index + 1));
      };
      setTimeout(() => progress(1), 5);
      setTimeout(() => {
        this.status = 200;
        this.onload?.();
      }, 80);
    }
  }
  return installXhr(BurstyXhr);
}

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

describe('render throttling', () => {
  it('renders a burst of 40 progress events (each its own task) within 33 ms once or twice, not 40 times, and shows the final state', async () => {
    uninstall = installBurstyXhr(40);
    let renders = 0;
    let latest: UseR2UploadResult | undefined;
    function Probe() {
      renders += 1;
      latest = useR2Upload({ getUploadUrl: target });
      return null;
    }
    render(<Probe />);
    let pending: Promise<unknown> = Promise.resolve();
    act(() => void (pending = latest!.upload(new File(['x'.repeat(10_000)], 'big.txt'))));
    const before = renders;
    // Let the burst happen, but stop before the PUT completes.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const duringBurst = renders - before;
    expect(duringBurst).toBeGreaterThanOrEqual(1);
    expect(duringBurst).toBeLessThanOrEqual(3);
    
    await act(() => pending);
    await waitFor(() => expect(latest!.uploads[0]?.status).toBe('done'));
  });

  /** A throttled subscription to a source whose `change()` notifies at once, and the listener it feeds. */
  function throttledSource(isUrgent?: () => boolean) {
    const listeners = new Set<() => void>();
    const throttled = frameThrottled((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }, isUrgent);
    const listener = vi.fn();
    const unsubscribe = throttled(listener);
    return { listener, unsubscribe, change: () => listeners.forEach((notify) => notify()) };
  }

  it('coalesces the changes after the first to one call per render window', async () => {
    const { listener, unsubscribe, change } = throttledSource();
    for (let index = 0; index < 100; index += 1) change();
    expect(listener).toHaveBeenCalledTimes(1);
    // The window's end waits for a frame and a timer, which a busy machine (CI, in parallel workers) may delay past 60 ms.
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(2), { timeout: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    change();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  /** How often the listener is told while a change comes every 2 ms for 600 ms, as progress events from six PUTs arrive. */
  async function callsUnderSteadyChanges(): Promise<number> {
    const { listener, unsubscribe, change } = throttledSource();
    const ticker = setInterval(change, 2);
    await new Promise((resolve) => setTimeout(resolve, 600));
    clearInterval(ticker);
    unsubscribe();
    return listener.mock.calls.length;
  }

  it('tells React at most 30 times a second while changes keep coming', async () => {
    const calls = await callsUnderSteadyChanges();
    // 600 ms at 30 a second is 18 (one more for the first change, told at once); once per 16 ms frame would be 37.
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(calls).toBeLessThanOrEqual(19);
  });

  it('stays under 30 a second on a fast screen, where a frame follows any moment at once', async () => {
    // A 240 Hz (or faster) screen: the next frame is never more than a few ms away, so only the interval keeps the pace.
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => setTimeout(() => callback(performance.now()), 1));
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => clearTimeout(handle));
    try {
      // 600 ms at 30 a second is 18, plus the first change told at once.
      expect(await callsUnderSteadyChanges()).toBeLessThanOrEqual(19);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('shows an urgent change at once', () => {
    let urgent = false;
    const { listener, change } = throttledSource(() => urgent);
    change();
    change();
    expect(listener).toHaveBeenCalledTimes(1);
    urgent = true;
    change();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('adding many files', () => {
  it('adds 1,000 files with one store notification', async () => {
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}) });
    const notified: number[] = [];
    uploader.subscribe(() => notified.push(uploader.getSnapshot().uploads.length));
    const files = Array.from({ length: 1000 }, (_, index) => new File([String(index)], `${index}.txt`));
    void uploader.upload(files);
    // Within the call when they are made in one slice, a task or two later on a busy machine: once, whole, either way.
    await vi.waitFor(() => expect(notified.length).toBeGreaterThan(0));
    expect(notified).toEqual([1000]);
    uploader.cancel();
  });
});
