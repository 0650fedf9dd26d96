import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Writes docs/api.md from the source: every export of every entry point in
 * package.json's `exports`, with the TSDoc comment above its declaration and
 * the declaration itself. `npm run docs:api` writes it; `npm run docs:api --
 * --check` and test/unit/docs-api.test.ts fail when it is out of date.
 *
 * It reads TypeScript with regular expressions and a bracket scanner (the
 * project's TypeScript 7 has no compiler API): enough for this code base's
 * declarations, which the test keeps honest.
 */

export type ReadFile = (file: string) => string;
export type FileExists = (file: string) => boolean;

export interface EntryPoint {
  /** The import specifier: `r2-uploader`, `r2-uploader/core`, ... */
  entry: string;
  /** Its index file from the repository root: `src/core/index.ts`. */
  index: string;
}

export interface ExportedName {
  name: string;
  /** The name in the module it comes from (differs with `as`). */
  original: string;
  typeOnly: boolean;
  /** The module specifier of `export … from`, or undefined for a local declaration. */
  from: string | undefined;
}

/** Entry points with types, from package.json's `exports`: `./dist/types/core/index.d.ts` is `src/core/index.ts`. */
export function entryPoints(packageJson: string): EntryPoint[] {
  const { name, exports } = JSON.parse(packageJson) as { name: string; exports: Record<string, string | { types?: string }> };
  return Object.entries(exports).flatMap(([key, target]) => {
    const types = typeof target === 'object' ? target.types : undefined;
    // Only modules with sources: the stylesheet's declaration (dist/styles.css.d.ts) documents nothing.
    if (!types?.startsWith('./dist/types/')) return [];
    return [{ entry: key === '.' ? name : `${name}${key.slice(1)}`, index: types.replace(/^\.\/dist\/types\//, 'src/').replace(/\.d\.ts$/, '.ts') }];
  });
}

const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** The names a module exports: `export { a, type B, c as d } from`, `export type { … } from`, and local declarations. */
export function exportsOf(source: string, file: string): ExportedName[] {
  const code = withoutComments(source);
  if (/export\s+\*/.test(code)) throw new Error(`${file}: \`export *\` cannot be documented export by export; name each export`);
  const found: ExportedName[] = [];
  for (const [, typeKeyword, list, from] of code.matchAll(/export\s+(type\s+)?\{([^}]*)\}(?:\s*from\s*['"]([^'"]+)['"])?/g)) {
    for (const raw of list!.split(',')) {
      const part = raw.trim();
      if (!part) continue;
      const typeOnly = Boolean(typeKeyword) || part.startsWith('type ');
      const [original, alias] = part.replace(/^type\s+/, '').split(/\s+as\s+/);
      found.push({ name: (alias ?? original)!.trim(), original: original!.trim(), typeOnly, from });
    }
  }
  for (const [, kind, name] of code.matchAll(/export\s+(?:declare\s+)?(?:async\s+)?(function|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)) {
    found.push({ name: name!, original: name!, typeOnly: kind === 'interface' || kind === 'type', from: undefined });
  }
  return found;
}

interface Declaration {
  file: string;
  kind: 'function' | 'const' | 'let' | 'class' | 'interface' | 'type' | 'enum';
  /** The TSDoc comment's text, without the comment markers. */
  doc: string;
  declaration: string;
}

const OPEN = '([{<';
const CLOSE = ')]}>';

/** The end of the bracket that opens at `start`, skipping `=>`. */
function closing(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i += 1) {
    if (source.startsWith('=>', i)) {
      i += 1;
      continue;
    }
    if (OPEN.includes(source[i]!)) depth += 1;
    else if (CLOSE.includes(source[i]!)) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return source.length - 1;
}

/** A function's signature: up to its body's opening brace. */
function functionSignature(source: string, start: number): string {
  const params = source.indexOf('(', start);
  let i = closing(source, params) + 1;
  for (; i < source.length; i += 1) {
    if (source.startsWith('=>', i)) {
      i += 1;
      continue;
    }
    const c = source[i]!;
    if (c === '{' && !/[:|&<,(]\s*$/.test(source.slice(start, i))) return source.slice(start, i).trimEnd();
    if ('([{<'.includes(c)) i = closing(source, i);
  }
  return source.slice(start).trimEnd();
}

/** A declaration up to the end of its body (`{ … }`) or its `;`. */
function wholeDeclaration(source: string, start: number, kind: Declaration['kind']): string {
  if (kind === 'type') {
    for (let i = start; i < source.length; i += 1) {
      if (source.startsWith('=>', i)) {
        i += 1;
        continue;
      }
      if (source[i] === ';') return source.slice(start, i + 1);
      if ('([{'.includes(source[i]!)) i = closing(source, i);
    }
  }
  if (kind === 'const' || kind === 'let') {
    const line = source.slice(start, source.indexOf('\n', start));
    if (!/[{[]\s*$/.test(line)) return line;
    return source.slice(start, closing(source, start + line.trimEnd().length - 1) + 1);
  }
  const body = source.indexOf('{', start);
  const text = source.slice(start, closing(source, body) + 1);
  // A class shows its members, not its constructor's body.
  return kind === 'class' ? text.replace(/(constructor\([^)]*\))\s*\{[\s\S]*?\n {2}\}/, '$1;') : text;
}

function resolveModule(from: string, specifier: string, exists: FileExists): string {
  const base = join(from, '..', specifier).replaceAll('\\', '/').replace(/\.js$/, '');
  const file = [`${base}.ts`, `${base}.tsx`].find(exists);
  if (!file) throw new Error(`${from}: cannot find ${specifier}`);
  return file;
}

/** Finds where `name` is declared, following re-exports. */
function declarationOf(file: string, name: string, read: ReadFile, exists: FileExists): Declaration {
  const source = read(file);
  const match = new RegExp(`export\\s+(?:declare\\s+)?(?:async\\s+)?(function|const|let|class|interface|type|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`).exec(source);
  if (!match) {
    const reexport = exportsOf(source, file).find((e) => e.name === name && e.from !== undefined);
    if (reexport) return declarationOf(resolveModule(file, reexport.from!, exists), reexport.original, read, exists);
    // `import { X } from './y.js'; export { X };`
    for (const [, list, from] of withoutComments(source).matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
      for (const part of list!.split(',')) {
        const [original, alias] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
        if ((alias ?? original)?.trim() === name) return declarationOf(resolveModule(file, from!, exists), original!.trim(), read, exists);
      }
    }
    throw new Error(`${file}: no declaration of ${name}`);
  }
  const kind = match[1] as Declaration['kind'];
  const before = source.slice(0, match.index).trimEnd();
  const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/**') + 3, -2) : '';
  const declaration = kind === 'function' ? functionSignature(source, match.index) : wholeDeclaration(source, match.index, kind);
  return { file, kind, doc: doc.split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n').trim(), declaration: declaration.trim() };
}

/** Descriptions for exports whose source has no TSDoc comment. */
const DESCRIPTIONS: Record<string, string> = {
  R2UploadErrorOptions: 'The optional details of an `R2UploadError`, given to its constructor and kept as its fields.',
  UploaderOptions:
    'Every option of `createUploader`, `useR2Upload` and `<R2Uploader>`: where upload URLs come from (`UploadUrlSource`), the callbacks, the file rules (`ClientRules`), the upload URL checks (`UploadUrlPolicy`), and the transfer settings below.',
  corsBlockedHint:
    "The hint of a `network_error`: the CORS policy that allows `origin` (default: the page's origin) to PUT, in the dashboard's form and in `wrangler`'s, with the command that applies it.",
  etagHiddenHint: "The hint of `etag_not_exposed`: add `ETag` to the bucket's CORS `ExposeHeaders`, with the whole policy for `origin` and the command that applies it.",
  DEFAULT_RETRY_POLICY: 'The retry settings used when `retry` is not given: 6 attempts, backoff from 500 ms up to 30 s.',
};

/** TSDoc as Markdown: paragraphs unwrapped, `{@link X}` as code, `@example` blocks as code blocks. */
function docToMarkdown(doc: string): string {
  const [text = '', ...examples] = doc
    .replace(/\{@link\s+([^}]+)\}/g, '`$1`')
    .replace('@packageDocumentation', '')
    .trim()
    .split(/\n?@example\s*\n?/);
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .reduce<string[]>((lines, line) => {
          if (lines.length > 0 && !/^\s*[-*] /.test(line)) lines[lines.length - 1] += ` ${line.trim()}`;
          else lines.push(line.trimEnd());
          return lines;
        }, [])
        .join('\n'),
    );
  const blocks = examples.map((example) => `\`\`\`${/<[A-Z]/.test(example) ? 'tsx' : 'ts'}\n${example.trim()}\n\`\`\``);
  return [...paragraphs, ...blocks].join('\n\n').trim();
}

function kindLabel(name: string, { kind, declaration }: Declaration): string {
  if (kind === 'function') {
    if (/^[A-Z]/.test(name) && /\bReactElement\b/.test(declaration)) return 'component';
    return /^use[A-Z]/.test(name) ? 'hook' : 'function';
  }
  if (kind === 'const' || kind === 'let') return 'constant';
  return kind === 'interface' || kind === 'type' ? 'type' : kind;
}

/** The first sentence of an index file's header comment, for the table of entry points. */
function summaryOf(index: string, read: ReadFile): string {
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(read(index))?.[1] ?? '';
  const text = header.replace(/^\s*\* ?/gm, '').replace(/@\w+/g, '').replace(/\s+/g, ' ').trim();
  const sentence = text.replace(/^`[^`]+`:\s*/, '').split(/(?<=\.)\s/)[0] ?? '';
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const anchor = (heading: string) => heading.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');

/** docs/api.md, from the source. */
export function generateApiDocs(read: ReadFile, exists: FileExists): string {
  const entries = entryPoints(read('package.json'));
  const exported = new Map(entries.map(({ entry, index }) => [entry, exportsOf(read(index), index)]));
  const dirOf = (index: string) => index.slice(0, index.lastIndexOf('/') + 1);
  const lines: string[] = [
    '# API reference',
    '',
    'Every export of every entry point of `r2-uploader`, with its signature, generated from the TSDoc in',
    'the source (each entry links its file) by `npm run docs:api`. The guide is the [README](../README.md);',
    'the wire format is the [backend protocol](../README.md#the-backend-protocol).',
    '',
    '`test/unit/docs-api.test.ts` fails when this page is not what `npm run docs:api` writes, and names',
    'each export that is missing here. An export that an entry re-exports from another is listed under',
    '"Also exported here" and documented where it is defined.',
    '',
    '| entry | | source |',
    '| --- | --- | --- |',
    ...entries.map(({ entry, index }) => `| [\`${entry}\`](#${anchor(entry)}) | ${summaryOf(index, read)} | [\`${index}\`](../${index}) |`),
    '',
  ];
  for (const { entry, index } of entries) {
    lines.push(`## \`${entry}\``, '');
    const elsewhere = new Map<string, string[]>();
    for (const { name, original, typeOnly, from } of exported.get(entry)!) {
      const declaration = from === undefined ? declarationOf(index, name, read, exists) : declarationOf(resolveModule(index, from, exists), original, read, exists);
      // Documented under the entry whose folder defines it, when that entry exports it too.
      const owner = entries.find((other) => other.entry !== entry && declaration.file.startsWith(dirOf(other.index)));
      if (owner && exported.get(owner.entry)!.some((e) => e.name === name)) {
        elsewhere.set(owner.entry, [...(elsewhere.get(owner.entry) ?? []), name]);
        continue;
      }
      const label = kindLabel(name, declaration);
      const description = docToMarkdown(declaration.doc) || DESCRIPTIONS[name] || '';
      lines.push(`### \`${name}\``, '', `${label}${typeOnly && label !== 'type' ? ' (type only)' : ''} · [\`${declaration.file}\`](../${declaration.file})`, '');
      if (description) lines.push(description, '');
      lines.push(`\`\`\`${declaration.file.endsWith('.tsx') ? 'tsx' : 'ts'}`, declaration.declaration, '```', '');
    }
    for (const [owner, names] of elsewhere) {
      lines.push(`Also exported here, documented under \`${owner}\`: ${names.map((name) => `[\`${name}\`](#${anchor(name)})`).join(', ')}.`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

// Run as a script only (under jsdom, import.meta.url is not a file URL).
if (import.meta.url.startsWith('file:') && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const docs = generateApiDocs(
    (file) => readFileSync(join(root, file), 'utf8'),
    (file) => existsSync(join(root, file)),
  );
  const target = join(root, 'docs/api.md');
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== docs) {
      console.error('docs/api.md is out of date: run `npm run docs:api`.');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, docs);
    console.log(`wrote docs/api.md`);
  }
}
