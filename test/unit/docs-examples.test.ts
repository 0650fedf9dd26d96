import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * The README's recipes are the files in examples/: each one must be shown in
 * the README (verbatim: test/unit/readme-examples.test.ts compares the text)
 * and run by test/integration/docs-recipes.test.ts, so no recipe goes
 * untested and no shown recipe drifts from what is tested.
 */

// Paths from the repository root: under jsdom, import.meta.url is not a file URL.
const root = process.cwd();
const read = (file: string) => readFileSync(join(root, file), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(join(root, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

const examples = filesUnder('examples').filter((file) => /\.(ts|tsx)$/.test(file));

describe('README recipes (examples/)', () => {
  it('there are recipes for Workers, Express, node:http, Next.js App Router and Hono', () => {
    expect(examples.sort()).toEqual([
      'examples/express/app.ts',
      'examples/hono/src/index.ts',
      'examples/nextjs/app/api/upload/route.ts',
      'examples/node-http/server.ts',
      'examples/workers/src/index.ts',
    ]);
  });

  it.each(examples)('%s is shown in the README under a readme-example marker', (file) => {
    expect(read('README.md'), `README.md lacks "<!-- readme-example: ${file} -->" before a code block of it`).toContain(
      `<!-- readme-example: ${file} -->\n\`\`\`ts\n`,
    );
  });

  it.each(examples)('%s is run by test/integration/docs-recipes.test.ts', (file) => {
    const test = read('test/integration/docs-recipes.test.ts');
    const fromTest = relative('test/integration', file).replaceAll('\\', '/');
    // Node recipes are imported; Workers are bundled from their path and run in workerd.
    expect(test.includes(`import('${fromTest}')`) || test.includes(`startWorker('${file}')`), `${file} is neither imported nor run in workerd`).toBe(true);
  });
});
