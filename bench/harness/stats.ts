/** Median and range of a set of measurements. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/**
 * Ratios of two runners round by round (subject ÷ baseline), then summarized.
 * The runs of one round are adjacent in time, so pairing them cancels the
 * slow drifts of a shared, noisy machine that a ratio of medians would keep.
 * Rounds where either run failed are left out.
 */
export function pairedRatios(subject: ReadonlyMap<number, number>, baseline: ReadonlyMap<number, number>): Summary | undefined {
  const ratios: number[] = [];
  for (const [round, value] of subject) {
    const other = baseline.get(round);
    if (other !== undefined && other > 0) ratios.push(value / other);
  }
  return summarize(ratios);
}
