import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * docs/api.md documents every export of every entry point, and nothing that
 * is not exported. The exports are read from each entry's index file, runtime
 * and `export type` alike; a failure names exactly what to add or remove, and
 * under which heading.
 */

// Paths from the repository root: under jsdom, import.meta.url is not a file URL.
const read = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');

const ENTRIES = [
  { entry: 'r2-uploader', index: 'src/react/index.ts' },
  { entry: 'r2-uploader/core', index: 'src/core/index.ts' },
  { entry: 'r2-uploader/server', index: 'src/server/index.ts' },
  { entry: 'r2-uploader/testing', index: 'src/testing/index.ts' },
  { entry: 'r2-uploader/doctor', index: 'src/doctor/index.ts' },
] as const;

interface Export {
  name: string;
  typeOnly: boolean;
}

/** The names an index file exports: `export { a, type B, c as d } from`, `export type { … } from`, and local declarations. */
export function exportsOf(source: string, file: string): Export[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/export\s+\*/.test(code)) throw new Error(`${file}: \`export *\` cannot be checked against docs/api.md; name each export`);
  const found: Export[] = [];
  for (const [, typeKeyword, list] of code.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const raw of list!.split(',')) {
      const part = raw.trim();
      if (!part) continue;
      const typeOnly = Boolean(typeKeyword) || part.startsWith('type ');
      const [original, alias] = part.replace(/^type\s+/, '').split(/\s+as\s+/);
      found.push({ name: (alias ?? original)!.trim(), typeOnly });
    }
  }
  for (const [, kind, name] of code.matchAll(/export\s+(?:declare\s+)?(?:async\s+)?(function|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)) {
    found.push({ name: name!, typeOnly: kind === 'interface' || kind === 'type' });
  }
  return found;
}

interface DocSection {
  /** Names with their own `### \`name\`` heading in the section. */
  documented: Set<string>;
  /** Names listed in the section's "Also exported here" lines. */
  alsoExported: Set<string>;
}

/** docs/api.md split by `## \`entry\`` headings. */
export function sectionsOf(markdown: string): Map<string, DocSection> {
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

const api = read('docs/api.md');
const sections = sectionsOf(api);
const everywhere = new Set([...sections.values()].flatMap((section) => [...section.documented]));

describe('docs/api.md', () => {
  it('has one section per entry point, in order', () => {
    expect([...sections.keys()]).toEqual(ENTRIES.map(({ entry }) => entry));
  });

  it('is linked from the README', () => {
    expect(read('README.md')).toContain('](docs/api.md)');
  });

  describe.each(ENTRIES)('$entry ($index)', ({ entry, index }) => {
    const exported = exportsOf(read(index), index);
    const section = sections.get(entry) ?? { documented: new Set<string>(), alsoExported: new Set<string>() };

    it('exports something (the parser still reads the index)', () => {
      expect(exported.length).toBeGreaterThan(3);
    });

    it('documents every export', () => {
      const missing = exported.filter(({ name }) => !section.documented.has(name) && !section.alsoExported.has(name));
      const advice = missing.map(
        ({ name, typeOnly }) =>
          `add "### \`${name}\`" under "## \`${entry}\`" (${typeOnly ? 'a type' : 'a runtime export'} of ${index}): one or two sentences from its TSDoc and its signature; or, if it is documented under another entry, list [\`${name}\`](#${name.toLowerCase()}) in that section's "Also exported here" line`,
      );
      expect(advice, `docs/api.md:\n${advice.join('\n')}`).toEqual([]);
    });

    it('documents nothing that is not exported', () => {
      const names = new Set(exported.map(({ name }) => name));
      const stale = [...section.documented, ...section.alsoExported].filter((name) => !names.has(name));
      expect(stale, `docs/api.md: remove ${stale.map((name) => `\`${name}\``).join(', ')} from "## \`${entry}\`": ${index} does not export it`).toEqual([]);
    });

    it('documents each export listed as "also exported here" somewhere', () => {
      const dangling = [...section.alsoExported].filter((name) => !everywhere.has(name));
      expect(dangling, `docs/api.md, "## \`${entry}\`": no "### \`name\`" heading documents ${dangling.join(', ')}`).toEqual([]);
    });
  });
});

/** Each documented export: the source file its entry links, and the first line of its signature block (the last code block). */
function declarationsOf(markdown: string): Array<{ name: string; file: string | undefined; head: string | undefined }> {
  const found: Array<{ name: string; file: string | undefined; head: string | undefined }> = [];
  for (const chunk of markdown.split(/^### /m).slice(1)) {
    const name = /^`([^`]+)`/.exec(chunk)?.[1] ?? chunk.slice(0, 40);
    const body = chunk.split(/^## /m)[0]!;
    const file = /\]\(\.\.\/(src\/[^)]+)\)/.exec(body)?.[1];
    const blocks = Array.from(body.matchAll(/```tsx?\n([^\n]*)/g), ([, first]) => first!);
    found.push({ name, file, head: blocks.at(-1) });
  }
  return found;
}

describe('docs/api.md signatures', () => {
  it.each(declarationsOf(api))('$name: its signature is the one in its source file', ({ name, file, head }) => {
    expect(file, `docs/api.md, "### \`${name}\`": link its source file as [\`src/…\`](../src/…)`).toBeDefined();
    expect(head, `docs/api.md, "### \`${name}\`": end the entry with its declaration in a ts code block`).toMatch(new RegExp(`^export .*\\b${name}\\b`));
    expect(read(file!), `docs/api.md, "### \`${name}\`": ${file} no longer has \`${head}\`; copy its declaration again`).toContain(head);
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
    expect(exportsOf(source, 'x.ts')).toEqual([
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
});
