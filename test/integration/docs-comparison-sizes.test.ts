import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { budgets } from '../../bench/bundle-size.ts';

/*
 * The sizes in the README's comparison table are measured, the way
 * `npm run size` measures them (esbuild, minify, gzip -9, React external).
 * When a bundle changes, this fails with the figure to write instead.
 */

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const sizeRow = readme.split('\n').find((line) => line.startsWith('| Bundle, min + gzip -9'));

async function measured(name: string): Promise<string> {
  const budget = budgets.find((b) => b.name === name);
  if (!budget) throw new Error(`bench/bundle-size.ts has no bundle named "${name}"`);
  return `${((await budget.measure()) / 1024).toFixed(1)} kB`;
}

describe('README comparison table, bundle row', () => {
  it("the README's r2-uploader sizes are today's measurements", async () => {
    expect(sizeRow, 'README.md has no "| Bundle, min + gzip -9" row in its comparison table').toBeDefined();
    const ours = sizeRow!.split('|')[2]!;
    const hook = await measured('useR2Upload + core');
    const everything = await measured('r2-uploader (everything)');
    const cell = `hook + core ${hook}, everything ${everything}`;
    expect(ours, `write "${cell}" in the README's bundle row`).toContain(cell);
  });
});
