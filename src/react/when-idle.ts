/** The longest an idle callback waits on a page that is never idle: the work is for what the user does next. */
const IDLE_TIMEOUT_MS = 1000;

/**
 * Runs `callback` in a task of its own once the page is idle (after `timeout`
 * at the latest); where there is no `requestIdleCallback` (Safari, SSR,
 * jsdom), in the next task. Returns what cancels it.
 */
export function whenIdle(callback: () => void, timeout = IDLE_TIMEOUT_MS): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => callback(), { timeout });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}
