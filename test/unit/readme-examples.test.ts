import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Paths from the repository root: under jsdom, import.meta.url is not a file URL.
const read = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');

/** Code blocks the README marks with `<!-- readme-example: <file> -->`, and the file each must equal. */
function markedExamples(readme: string): Array<{ file: string; code: string }> {
  const marked = /<!-- readme-example: (\S+) -->\n```\w*\n([\s\S]*?)```/g;
  return Array.from(readme.matchAll(marked), ([, file, code]) => ({ file: file!, code: code! }));
}

describe('README examples', () => {
  const readme = read('README.md');

  it('are the test files they name, verbatim (after the file’s first comment line)', () => {
    const examples = markedExamples(readme);
    expect(examples.map((example) => example.file)).toContain('test/unit/docs-testing-example.test.tsx');
    for (const { file, code } of examples) {
      const source = read(file);
      expect(code).toBe(source.replace(/^\/\/.*\n/, ''));
    }
  });
});
