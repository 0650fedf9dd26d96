import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * The README's recipes are the files in examples/: each one must be shown in
 * the README (verbatim: test/unit/readme-examples.test.ts compares the text)
 * and run by test/integration/docs-recipes.test.ts (or, for the Next.js
 * routes recipe, copied into a fresh Next.js app by
 * test/consumers/next-app.test.ts), so no recipe goes untested and no shown
 * recipe drifts from what is tested. The routes recipe's page and lib/ are
 * its supporting files: run with it, not shown.
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
const supporting = (file: string) => file.startsWith('examples/nextjs/lib/') || file.endsWith('/page.tsx');
/** The folders of examples/nextjs the Next.js consumer test copies into its app. */
const copiedToNextApp = (file: string) => {
  const test = read('test/consumers/next-app.test.ts');
  const folder = /^examples\/nextjs\/(app\/photos|app\/api\/photos|lib)\//.exec(file)?.[1];
  return folder !== undefined && test.includes(`'examples/nextjs'`) && test.includes(`'${folder}'`);
};

describe('README recipes (examples/)', () => {
  it('there are recipes for Workers, Express, node:http, Next.js App Router (and its routes with a database) and Hono', () => {
    expect(examples.sort()).toEqual([
      'examples/express/app.ts',
      'examples/hono/src/index.ts',
      'examples/nextjs/app/api/photos/[[...path]]/route.ts',
      'examples/nextjs/app/api/upload/route.ts',
      'examples/nextjs/app/photos/page.tsx',
      'examples/nextjs/app/photos/photo-uploader.tsx',
      'examples/nextjs/lib/current-user.ts',
      'examples/nextjs/lib/photo-records.ts',
      'examples/node-http/server.ts',
      'examples/workers/src/index.ts',
    ]);
  });

  it.each(examples.filter((file) => !supporting(file)))('%s is shown in the README under a readme-example marker', (file) => {
    expect(read('README.md'), `README.md lacks "<!-- readme-example: ${file} -->" before a code block of it`).toContain(
      `<!-- readme-example: ${file} -->\n\`\`\`${file.endsWith('.tsx') ? 'tsx' : 'ts'}\n`,
    );
  });

  it.each(examples)('%s is run by docs-recipes.test.ts or the Next.js consumer test', (file) => {
    const test = read('test/integration/docs-recipes.test.ts');
    const fromTest = relative('test/integration', file).replaceAll('\\', '/');
    // Node recipes are imported; Workers are bundled from their path and run in workerd; the routes recipe runs in a Next.js app.
    const run = test.includes(`import('${fromTest}')`) || test.includes(`startWorker('${file}')`) || copiedToNextApp(file);
    expect(run, `${file} is neither imported, run in workerd, nor copied into the Next.js app`).toBe(true);
  });
});
