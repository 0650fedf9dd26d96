/**
 * The order of a round's runs: the runners rotated by one place per round
 * (A B C, B C A, C A B, ...). Runs stay interleaved, and no runner is always
 * the first after a scenario starts (cold sockets) or always follows the
 * same neighbour (whose garbage and store work may still be settling).
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const shift = (round - 1) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
