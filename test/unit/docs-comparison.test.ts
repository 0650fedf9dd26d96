import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The README's comparison table holds only claims we test: each r2-uploader
 * cell links a test (or the config that makes every story a test) whose
 * title names the test, and that test must exist in that file. Peer cells
 * link the peer's own docs, give a size recorded in bench/bundle-size.ts
 * (measured the same way as ours), or say that nobody checked.
 */

// Paths from the repository root: under jsdom, import.meta.url is not a file URL.
const read = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');

const PEERS = ['Uppy 6 (`@uppy/aws-s3`)', 'UploadThing', 'better-upload', 'react-dropzone'];

function comparisonTable(readme: string): string[][] {
  const match = /<!-- comparison-table -->\n([\s\S]*?)\n\s*<!-- \/comparison-table -->/.exec(readme);
  if (!match) throw new Error('README.md: no table between <!-- comparison-table --> and <!-- /comparison-table -->');
  return match[1]!.split('\n').map((line) =>
    line
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

/** `[text](path "title")` links to files of this repository. */
function localLinks(cell: string): Array<{ path: string; title: string }> {
  return Array.from(cell.matchAll(/\]\(([^)\s#]+) "([^"]+)"\)/g), ([, path, title]) => ({ path: path!, title: title! })).filter(
    ({ path }) => !/^https?:/.test(path),
  );
}

const readme = read('README.md');
const [header, separator, ...rows] = comparisonTable(readme);
const peerSizes = read('bench/bundle-size.ts');

describe('README comparison table', () => {
  it('compares with Uppy, UploadThing, better-upload and react-dropzone', () => {
    expect(header).toEqual(['', 'r2-uploader', ...PEERS]);
    expect(separator!.every((cell) => /^-+$/.test(cell))).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) expect(row, row[0]).toHaveLength(2 + PEERS.length);
  });

  it.each(rows.map((row) => [row[0], row[1]!] as const))('r2-uploader, “%s”: every link names a test that exists', (_claim, cell) => {
    const links = localLinks(cell);
    expect(links.length, `the cell "${cell}" links no test: add [test](<file> "<test name>")`).toBeGreaterThan(0);
    for (const { path, title } of links) {
      expect(existsSync(join(process.cwd(), path)), `${path} does not exist`).toBe(true);
      expect(read(path), `${path} has no test named "${title}"`).toContain(title);
    }
  });

  it.each(rows.flatMap((row) => PEERS.map((peer, i) => [row[0], peer, row[2 + i]!] as const)))('“%s”, %s: docs link, recorded size or "not checked"', (_claim, _peer, cell) => {
    const unverified = ['—', 'not checked', 'not measured'].includes(cell);
    const linked = /\]\(https:\/\/[^)\s]+\)/.test(cell);
    const size = /^(?:[a-z ]+ )?(\d+(?:\.\d+)?) kB$/.exec(cell);
    if (size) expect(peerSizes, `${cell}: no such figure in bench/bundle-size.ts`).toContain(`${size[1]} kB`);
    expect(unverified || linked || size !== null, `"${cell}" is neither linked to the peer's docs, nor a recorded size, nor "not checked"`).toBe(true);
  });
});
