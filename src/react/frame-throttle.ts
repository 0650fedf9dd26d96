type Subscribe = (listener: () => void) => () => void;

/** The shortest time between two renders: 30 a second is smooth for progress bars and leaves the main thread free. */
const RENDER_INTERVAL_MS = 1000 / 30;

/**
 * Runs `callback` at the first animation frame after the render interval, so
 * renders paint in step with the screen and never come more than 30 a second
 * (about 24 on a 60 Hz screen, where the frame after 33 ms is at 33 or 50 ms).
 * Where there are no frames (SSR, tests) the interval alone decides.
 */
function nextRenderWindow(callback: () => void): () => void {
  let handle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestAnimationFrame === 'function') handle = requestAnimationFrame(callback);
    else callback();
  }, RENDER_INTERVAL_MS);
  return () => {
    clearTimeout(timer);
    if (handle !== undefined) cancelAnimationFrame(handle);
  };
}

/**
 * A `subscribe` for `useSyncExternalStore` that tells React at most 30 times
 * a second, on animation frames. A change after a quiet spell shows at once
 * (a click feels instant); the changes that follow within the render window
 * (33 ms, to the next frame) are told once at its end, so a burst of progress
 * events renders once and the last state (a final `done` or `error` included)
 * shows within 50 ms on a 60 Hz screen. A change for which `isUrgent` is true
 * (the last upload settled) shows at once.
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
