'use client';

import { useEffect } from 'react';
import type { R2Text } from './messages-context.js';
import { whenIdle } from './when-idle.js';

/**
 * Builds, in idle time after mount, the `Intl` formatters the upload rows
 * use, so that the render that shows the first rows builds none. The first
 * number formatter of a page costs Chromium 20 to 60 ms (V8 gathers ICU's
 * locales then), which cannot be split: it gets an idle task of its own,
 * apart from the change event that adds the files and from the app's mount.
 * The others take under a millisecond each and come in the next idle task,
 * asked for at mount too, so that it comes before whatever the page asks
 * for after mounting (a pick of files, say).
 */
export function useWarmFormatters(t: R2Text): void {
  useEffect(() => {
    const cancels = [
      whenIdle(() => t.percent(0)),
      whenIdle(() => {
        // What a row shows: its size and what it sent (bytes to gigabytes), the count, the speed and the time left (shown, and spoken).
        for (const bytes of [0, 1e3, 1e6, 1e9]) t.bytes(bytes);
        t.count(0);
        for (const rate of [1e3, 1e6]) t.rate(rate);
        for (const seconds of [1, 60]) t.duration(seconds);
        t.duration(1, true);
      }),
    ];
    return () => cancels.forEach((cancel) => cancel());
  }, [t]);
}
