type Subscribe = (listener: () => void) => () => void;

/** Runs `callback` at the next animation frame, or after about a frame's time where there are none (SSR, tests). */
function nextFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(handle);
  }
  const timer = setTimeout(callback, 16);
  return () => clearTimeout(timer);
}

/**
 * A `subscribe` for `useSyncExternalStore` that tells React at most once per
 * animation frame. A change after a quiet frame shows at once (a click feels
 * instant); the changes that follow within the frame are told once at its
 * end, so a burst of progress events renders once and the last state (a
 * final `done` or `error` included) shows within a frame. A change for which
 * `isUrgent` is true (the last upload settled) shows at once.
 */
export function frameThrottled(subscribe: Subscribe, isUrgent: () => boolean = () => false): Subscribe {
  return (listener) => {
    let cancel: (() => void) | undefined;
    let changed = false;
    const closeFrame = () => {
      cancel = undefined;
      if (!changed) return;
      changed = false;
      cancel = nextFrame(closeFrame);
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
      cancel = nextFrame(closeFrame);
      listener();
    });
    return () => {
      unsubscribe();
      cancel?.();
    };
  };
}
