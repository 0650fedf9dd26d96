import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryPoints, exportsOf, generateApiDocs } from '../../docs/generate-api.ts';

/*
 * docs/api.md documents every export of every entry point (package.json's
 * `exports`), and nothing that is not exported. The exports are read from each
 * entry's index file, runtime and `export type` alike; a failure names exactly
 * what to add or remove, and under which heading. The page is generated from
 * the TSDoc (`npm run docs:api`), and must be what the generator writes today.
 */

// Paths from the repository root: under jsdom, import.meta.url is not a file URL.
const read = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');
const exists = (file: string) => existsSync(join(process.cwd(), file));

interface DocSection {
  /** Names with their own `### \`name\`` heading in the section. */
  documented: Set<string>;
  /** Names listed in the section's "Also exported here" lines. */
  alsoExported: Set<string>;
}

/** docs/api.md split by `## \`entry\`` headings. */
function sectionsOf(markdown: string): Map<string, DocSection> {
  const sections = new Map<string, DocSection>();
  let current: DocSection | undefined;
  let inCode = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    if (inCode) continue;
    const entry = /^## `([^`]+)`\s*$/.exec(line);
    if (entry) {
      current = { documented: new Set(), alsoExported: new Set() };
      sections.set(entry[1]!, current);
      continue;
    }
    if (!current) continue;
    const heading = /^### `([^`]+)`\s*$/.exec(line);
    if (heading) current.documented.add(heading[1]!);
    if (line.startsWith('Also exported here')) for (const [, name] of line.matchAll(/\[`([^`]+)`\]/g)) current.alsoExported.add(name!);
  }
  return sections;
}

const ENTRIES = entryPoints(read('package.json'));
const api = read('docs/api.md');
const sections = sectionsOf(api);
const everywhere = new Set([...sections.values()].flatMap((section) => [...section.documented]));

describe('docs/api.md', () => {
  it('covers the five entry points, and any other in package.json, in order', () => {
    expect(ENTRIES.map(({ entry }) => entry)).toEqual(expect.arrayContaining(['r2-uploader', 'r2-uploader/core', 'r2-uploader/server', 'r2-uploader/testing', 'r2-uploader/doctor']));
    expect([...sections.keys()], `docs/api.md needs one "## \`entry\`" section per entry point: run npm run docs:api`).toEqual(ENTRIES.map(({ entry }) => entry));
  });

  it('is linked from the README', () => {
    expect(read('README.md')).toContain('](docs/api.md)');
  });

  describe.each(ENTRIES)('$entry ($index)', ({ entry, index }) => {
    const exported = exportsOf(read(index), index);
    const section = sections.get(entry) ?? { documented: new Set<string>(), alsoExported: new Set<string>() };

    it('exports something (the parser still reads the index)', () => {
      expect(exported.length).toBeGreaterThan(0);
    });

    it('documents every export', () => {
      const missing = exported.filter(({ name }) => !section.documented.has(name) && !section.alsoExported.has(name));
      const advice = missing.map(
        ({ name, typeOnly }) =>
          `add "### \`${name}\`" under "## \`${entry}\`" (${typeOnly ? 'a type' : 'a runtime export'} of ${index}): give it a TSDoc comment and run npm run docs:api`,
      );
      expect(advice, `docs/api.md:\n${advice.join('\n')}`).toEqual([]);
    });

    it('documents nothing that is not exported', () => {
      const names = new Set(exported.map(({ name }) => name));
      const stale = [...section.documented, ...section.alsoExported].filter((name) => !names.has(name));
      expect(stale, `docs/api.md: remove ${stale.map((name) => `\`${name}\``).join(', ')} from "## \`${entry}\`" (npm run docs:api): ${index} does not export it`).toEqual([]);
    });

    it('documents each export listed as "also exported here" somewhere', () => {
      const dangling = [...section.alsoExported].filter((name) => !everywhere.has(name));
      expect(dangling, `docs/api.md, "## \`${entry}\`": no "### \`name\`" heading documents ${dangling.join(', ')}`).toEqual([]);
    });
  });

  it('is what `npm run docs:api` writes from today’s source and TSDoc', () => {
    const generated = generateApiDocs(read, exists);
    // Compared line by line, so that a failure shows the first lines that differ.
    expect(api.split('\n'), 'docs/api.md is out of date: run npm run docs:api').toEqual(generated.split('\n'));
  });

  it('gives every documented export a description and its declaration', () => {
    for (const chunk of api.split(/^### /m).slice(1)) {
      const name = /^`([^`]+)`/.exec(chunk)![1]!;
      const body = chunk.split(/^## /m)[0]!.split('\n').slice(1).join('\n');
      const prose = body.replace(/```[\s\S]*?```/g, '').replace(/^.* · \[`src\/.*$/m, '').trim();
      expect(prose, `${name}: no description; give it a TSDoc comment and run npm run docs:api`).not.toBe('');
      expect(body, `${name}: no declaration`).toMatch(new RegExp('```tsx?\\nexport [^\\n]*\\b' + name.replace(/\$/g, '\\$') + '\\b'));
    }
  });
});

describe('the export parser', () => {
  it('reads runtime, type and aliased exports, and local declarations', () => {
    const source = `
      /** doc with export { fake } inside */
      export { a, type B, c as d } from './x.js';
      export type { E, F } from './y.js';
      // export { commented } from './z.js';
      export function g() {}
      export const H = 1;
      export interface I {}
    `;
    expect(exportsOf(source, 'x.ts').map(({ name, typeOnly }) => ({ name, typeOnly }))).toEqual([
      { name: 'a', typeOnly: false },
      { name: 'B', typeOnly: true },
      { name: 'd', typeOnly: false },
      { name: 'E', typeOnly: true },
      { name: 'F', typeOnly: true },
      { name: 'g', typeOnly: false },
      { name: 'H', typeOnly: false },
      { name: 'I', typeOnly: true },
    ]);
  });

  it('refuses `export *`, which it cannot list', () => {
    expect(() => exportsOf("export * from './x.js';", 'x.ts')).toThrow(/export \*/);
  });

  it('maps package.json exports with types to their index files', () => {
    const pkg = JSON.stringify({
      name: 'r2-uploader',
      exports: { '.': { types: './dist/types/react/index.d.ts' }, './core': { types: './dist/types/core/index.d.ts' }, './styles.css': './dist/styles.css' },
    });
    expect(entryPoints(pkg)).toEqual([
      { entry: 'r2-uploader', index: 'src/react/index.ts' },
      { entry: 'r2-uploader/core', index: 'src/core/index.ts' },
    ]);
  });
});
