import { describe, expect, it } from 'vitest';
import { budgets, limitOf, measureAll } from '../../bench/bundle-size.ts';

// Bundle sizes are deterministic (esbuild, minify, gzip -9), so unlike timings they are asserted.
describe('bundle budgets', async () => {
  const results = await measureAll();

  it('measures every budget', () => {
    expect(results.slice(0, budgets.length).map((r) => r.name)).toEqual(budgets.map((b) => b.name));
    // The lazily loaded chunks (MD5, integrity, IndexedDB resume) follow, one row each.
    expect(results.slice(budgets.length).map((r) => r.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^lazy chunk: md5/)]));
    // A real bundle, not an empty build; lazy chunks may be tiny (a shared re-export).
    for (const r of results.slice(0, budgets.length)) expect(r.bytes, r.name).toBeGreaterThan(500);
    for (const r of results.slice(budgets.length)) expect(r.bytes, r.name).toBeGreaterThan(0);
  });

  it.each(results.map((r) => [r.name, r] as const))('%s stays within its enforced limit', (_name, result) => {
    expect(result.bytes, `${result.name}: ${result.bytes} B > ${limitOf(result)} B`).toBeLessThanOrEqual(limitOf(result));
  });

  it('counts the entry itself as eager, not as a chunk loaded on demand', () => {
    // import() chunks are entry points in esbuild's metafile too; picking one of them once made everything look like the engine alone.
    const bytes = (name: string) => results.find((r) => r.name === name)!.bytes;
    expect(bytes('r2-uploader (everything)') - bytes('useR2Upload + core')).toBeGreaterThan(4 * 1024);
  });

  it('keeps temporary ceilings above their budgets only', () => {
    for (const b of budgets) if (b.ceiling !== undefined) expect(b.ceiling, b.name).toBeGreaterThan(b.budget);
  });
});
