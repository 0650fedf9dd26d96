type Subscribe = (listener: () => void) => () => void;

/** The shortest time between two renders: 30 a second is smooth for progress bars and leaves the main thread free. */
const RENDER_INTERVAL_MS = 1000 / 30;

/**
 * Runs `callback` at the first animation frame after the render interval, so
 * renders stay 30 a second on a 60 or 120 Hz screen and paint in step with it.
 * Where there are no frames (SSR, tests) the interval alone decides.
 */
function nextRenderWindow(callback: () => void): () => void {
  let handle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestAnimationFrame === 'function') handle = requestAnimationFrame(callback);
    else callback();
  }, RENDER_INTERVAL_MS - 8);
  return () => {
    clearTimeout(timer);
    if (handle !== undefined) cancelAnimationFrame(handle);
  };
}

/**
 * A `subscribe` for `useSyncExternalStore` that tells React at most 30 times
 * a second, on animation frames. A change after a quiet spell shows at once
 * (a click feels instant); the changes that follow within the next 33 ms are
 * told once at its end, so a burst of progress events renders once and the
 * last state (a final `done` or `error` included) shows within 33 ms. A change for which
 * `isUrgent` is true (the last upload settled) shows at once.
 */
export function frameThrottled(subscribe: Subscribe, isUrgent: () => boolean = () => false): Subscribe {
  return (listener) => {
    let cancel: (() => void) | undefined;
    let changed = false;
    const closeWindow = () => {
      cancel = undefined;
      if (!changed) return;
      changed = false;
      cancel = nextRenderWindow(closeWindow);
      listener();
    };
    const unsubscribe = subscribe(() => {
      if (cancel && isUrgent()) {
        // Nothing left in flight: show the final states now rather than a frame later.
        cancel();
        cancel = undefined;
        changed = false;
      }
      if (cancel) {
        changed = true;
        return;
      }
      cancel = nextRenderWindow(closeWindow);
      listener();
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
  };
}
