import { useEffect } from 'react';
import type { R2Text } from './messages-context.js';

/**
 * Formats a size and a percent once, at idle time after mount. The first
 * `Intl.NumberFormat` of a page costs Chromium 15–60 ms (loading ICU's number
 * data); paid here, it stays out of the change event that adds the first rows.
 */
export function useFormatWarmUp(t: R2Text): void {
  useEffect(() => {
    (globalThis.requestIdleCallback ?? setTimeout)(() => {
      t.percent(0);
      t.bytes(0);
    });
  }, [t]);
}
