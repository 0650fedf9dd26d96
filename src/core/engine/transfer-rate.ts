/**
 * Shorter windows than this are added to the next one: browsers report
 * progress every few milliseconds, and a rate over 5 ms is noise.
 */
export const RATE_WINDOW_MS = 500;

/** The average's time constant: a window this old weighs about a third as much as the latest one. */
export const RATE_SMOOTHING_MS = 3_000;

/** A pause in progress this long (a stall, a backoff) starts the measure afresh instead of dragging the average down. */
export const RATE_IDLE_MS = 5_000;

/** Measures bytes per second from a growing count of bytes sent. */
export interface RateMeter {
  /**
   * Takes the bytes sent so far; returns the smoothed rate in bytes per
   * second, or `undefined` until a first window of {@link RATE_WINDOW_MS} has passed.
   */
  sample(bytes: number): number | undefined;
  /** Forgets what was measured: the next sample starts a new measure. */
  reset(): void;
}

/**
 * An exponentially weighted average of the rate over the last seconds: steady
 * enough to read ("3.2 MB/s"), quick enough to follow a link that changes.
 * Weighting by elapsed time (not per sample) keeps it the same however often
 * progress is reported. A count that goes back (a part sent again) moves the
 * starting point, not the rate.
 */
export function createRateMeter(now: () => number = () => performance.now()): RateMeter {
  let from: { at: number; bytes: number } | undefined;
  let rate: number | undefined;
  return {
    sample(bytes) {
      const at = now();
      if (!from || at - from.at > RATE_IDLE_MS) {
        from = { at, bytes };
        rate = undefined;
        return undefined;
      }
      if (bytes < from.bytes) {
        from = { at, bytes };
        return rate;
      }
      const elapsed = at - from.at;
      if (elapsed < RATE_WINDOW_MS) return rate;
      const current = ((bytes - from.bytes) / elapsed) * 1000;
      rate = rate === undefined ? current : rate + (1 - Math.exp(-elapsed / RATE_SMOOTHING_MS)) * (current - rate);
      from = { at, bytes };
      return rate;
    },
    reset() {
      from = undefined;
      rate = undefined;
    },
  };
}

/** Whole seconds until `remaining` bytes are sent at `bytesPerSecond`; `undefined` without a rate. */
export function secondsLeft(remaining: number, bytesPerSecond: number | undefined): number | undefined {
  if (bytesPerSecond === undefined || !(bytesPerSecond > 0)) return undefined;
  return Math.ceil(Math.max(0, remaining) / bytesPerSecond);
}
