import type { Sample } from './run-scenario.ts';
import { median } from './stats.ts';

/**
 * Chromium's throttle sometimes stalls a wave of request bodies for about 8 s
 * (R2-NOTES.md): a run that pays it measures the emulator, not the uploader.
 * Such a run is found afterwards, against the runner's own median, rerun once
 * and reported as rerun (its first time kept), never silently dropped.
 */
export interface Rerun {
  /** Seconds the first run took, and the median of the runner's runs then. */
  firstSeconds: number;
  medianSeconds: number;
}

/** How much slower than its runner's median a run must be to be rerun. */
export const RERUN_FACTOR = 2;

/** The complete runs slower than RERUN_FACTOR × the median of the runner's complete runs (never with fewer than three). */
export function slowRuns(samples: readonly Sample[]): Array<{ index: number; medianSeconds: number }> {
  const complete = samples.filter((sample) => sample.complete);
  if (complete.length < 3) return [];
  const medianSeconds = median(complete.map((sample) => sample.seconds));
  return samples.flatMap((sample, index) => (sample.complete && sample.seconds > RERUN_FACTOR * medianSeconds ? [{ index, medianSeconds }] : []));
}
