import { describe, expect, it } from 'vitest';
import { budgets, measureAll } from '../../bench/bundle-size.ts';

// Bundle sizes are deterministic (esbuild, minify, gzip -9), so unlike timings they are asserted.
describe('bundle budgets', async () => {
  const results = await measureAll();

  it('measures every budget', () => {
    expect(results.map((r) => r.name)).toEqual(budgets.map((b) => b.name));
    for (const r of results) expect(r.bytes, r.name).toBeGreaterThan(500);
  });

  it.each(results.map((r) => [r.name, r] as const))('%s stays within its budget', (_name, result) => {
    expect(result.bytes, `${result.name}: ${result.bytes} B > ${result.budget} B`).toBeLessThanOrEqual(result.budget);
  });
});
