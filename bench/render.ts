import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readmeMarkdown, reportMarkdown } from './harness/markdown.ts';
import type { BenchReport } from './harness/report.ts';

/**
 * Writes `latest.md` again from a `latest.json` (default bench/results/latest.json),
 * for when the report's layout changes: a 20-minute run need not be repeated.
 * With `--readme`, also puts the run's summary (machine, medians, heap, MD5)
 * into README.md between its `<!-- bench:start -->` and `<!-- bench:end -->` lines.
 * Usage: node --experimental-strip-types bench/render.ts [--readme] [path/to/latest.json]
 */
const { values, positionals } = parseArgs({ options: { readme: { type: 'boolean', default: false } }, allowPositionals: true });
const source = positionals[0] ?? 'bench/results/latest.json';
const report = JSON.parse(await readFile(source, 'utf8')) as BenchReport;
const markdown = reportMarkdown(report);
await writeFile(join(dirname(source), 'latest.md'), markdown);
console.log(markdown);

if (values.readme) {
  const readme = await readFile('README.md', 'utf8');
  const block = /(<!-- bench:start -->\n)[\s\S]*?(\n<!-- bench:end -->)/;
  if (!block.test(readme)) throw new Error('README.md has no <!-- bench:start --> ... <!-- bench:end --> block.');
  const summary = `${readmeMarkdown(report)}\n\nPer-round ranges, ratios, requests and heap figures are in [\`bench/results/latest.md\`](bench/results/latest.md).`;
  await writeFile('README.md', readme.replace(block, (_, start: string, end: string) => `${start}${summary}${end}`));
  console.error('README.md: benchmark summary updated');
}
