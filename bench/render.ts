import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { reportMarkdown } from './harness/markdown.ts';
import type { BenchReport } from './harness/report.ts';

/**
 * Writes `latest.md` again from a `latest.json` (default bench/results/latest.json),
 * for when the report's layout changes: a 20-minute run need not be repeated.
 * Usage: node --experimental-strip-types bench/render.ts [path/to/latest.json]
 */
const source = process.argv[2] ?? 'bench/results/latest.json';
const report = JSON.parse(await readFile(source, 'utf8')) as BenchReport;
const markdown = reportMarkdown(report);
await writeFile(join(dirname(source), 'latest.md'), markdown);
console.log(markdown);
