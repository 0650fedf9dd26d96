import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');

/**
 * Every file an entry loads, following its relative static and dynamic
 * imports; with `eagerOnly`, only what loads before any `import()` runs.
 */
function moduleGraph(entry: string, eagerOnly = false): Map<string, string> {
  const seen = new Map<string, string>();
  const imports = eagerOnly ? /(?:from|import)\s+["'](\.{1,2}\/[^"']+)["']/g : /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const code = readFileSync(file, 'utf8');
    seen.set(file, code);
    for (const match of code.matchAll(imports)) {
      visit(resolve(dirname(file), match[1]!));
    }
  };
  visit(join(dist, entry));
  return seen;
}

/** Bare module specifiers a module graph imports. */
function bareImports(graph: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const code of graph.values()) {
    for (const match of code.matchAll(/(?:from|import)\s*\(?\s*["']([^."'][^"']*)["']/g)) names.add(match[1]!);
  }
  return names;
}

beforeAll(() => {
  // `npm test` builds first; a lone `vitest run` builds here.
  if (!existsSync(join(dist, 'index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}, 120_000);

describe('the built package', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types: string; import?: string; default?: string }>;
    engines: { node: string };
    peerDependencies: Record<string, string>;
  };

  it('has every subpath export on disk, with its declarations', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        expect(existsSync(join(root, target)), subpath).toBe(true);
      } else {
        expect(existsSync(join(root, (target.import ?? target.default)!)), subpath).toBe(true);
        expect(existsSync(join(root, target.types)), `${subpath} types`).toBe(true);
      }
    }
    expect(pkg.engines.node).toBe('>=22.12');
    expect(pkg.peerDependencies).toMatchObject({ react: '^18 || ^19', 'react-dom': '^18 || ^19', '@tanstack/react-query': '^5' });
  });

  it('keeps react out of r2-uploader/core', () => {
    const imports = bareImports(moduleGraph('core.js'));
    expect([...imports].filter((name) => /react/.test(name))).toEqual([]);
  });

  it('keeps server code and aws4fetch out of the browser entry', () => {
    const graph = moduleGraph('index.js');
    const imports = bareImports(graph);
    expect(imports.has('aws4fetch')).toBe(false);
    expect(imports.has('xml-parser-xo')).toBe(false);
    expect([...imports].some((name) => name.startsWith('node:'))).toBe(false);
    for (const code of graph.values()) expect(code).not.toContain('createR2UploadHandler');
    expect([...imports].sort()).toEqual(expect.arrayContaining(['react']));
  });

  it('leaves react, react-dom and react-query external', () => {
    const code = [...moduleGraph('index.js').values()].join('\n');
    expect(code).not.toMatch(/function useState\b|__SECRET_INTERNALS|class QueryClient\b/);
  });

  it('loads IndexedDB and MD5 only on demand: resuming and verifying are chunks of their own', () => {
    for (const entry of ['index.js', 'core.js']) {
      const eager = [...moduleGraph(entry, true).values()].join('\n');
      expect(eager, entry).not.toContain('indexedDB');
      // A round constant of MD5's compression function.
      expect(eager, entry).not.toContain('680876936');
      const lazy = [...moduleGraph(entry).values()].join('\n');
      expect(lazy, entry).toContain('indexedDB');
      expect(lazy, entry).toContain('680876936');
    }
  });

  it('ships styles.css, with a declaration TypeScript resolves through the types condition', () => {
    expect(readFileSync(join(dist, 'styles.css'), 'utf8')).toContain('--r2u-');
    const target = pkg.exports['./styles.css'] as { types: string; default?: string };
    expect(readFileSync(join(root, target.types), 'utf8')).toContain('export {}');
    expect(target.default).toBe('./dist/styles.css');
  });

  it('marks every peer optional, so a server-only install pulls no React', () => {
    const meta = (pkg as unknown as { peerDependenciesMeta: Record<string, { optional?: boolean }> }).peerDependenciesMeta;
    for (const peer of Object.keys(pkg.peerDependencies)) expect(meta[peer]?.optional, peer).toBe(true);
  });

  it('ships one module per source module, with use client on exactly the React modules that call hooks or create context', () => {
    const reactModules = readdirSync(join(dist, 'react')).filter((name) => name.endsWith('.js'));
    expect(reactModules.length).toBeGreaterThan(20);
    // Client code: what imports React's or react-query's runtime (type imports are gone in dist), or calls a hook.
    // Comments are left out: a TSDoc example that calls a hook is no call.
    const clientOnly = {
      test: (code: string) => /^import [^;]* from "(react|@tanstack\/react-query)";/m.test(code) || /\b(use[A-Z]\w*|createContext|memo)\(/.test(code.replace(/\/\*[\s\S]*?\*\//g, '')),
    };
    const marked = reactModules.filter((name) => /^(['"])use client\1;/.test(readFileSync(join(dist, 'react', name), 'utf8')));
    const needing = reactModules.filter((name) => clientOnly.test(readFileSync(join(dist, 'react', name), 'utf8')));
    expect(marked.sort()).toEqual(needing.sort());
    expect(marked).toEqual(expect.arrayContaining(['R2Uploader.js', 'R2ObjectList.js', 'use-r2-upload.js', 'messages-context.js']));
    // The entry itself is a plain barrel: in a Server Component its functions (formatBytes, checkFile) stay server code.
    for (const entry of ['index.js', 'core.js', 'server.js', 'testing.js']) expect(readFileSync(join(dist, entry), 'utf8'), entry).not.toMatch(/['"]use client['"]/);
  });

  it('imports r2-uploader/core and r2-uploader/server under the react-server condition, as a Server Component does', () => {
    // Under react-server, React has no createContext: a module that calls it at import time fails there.
    const script = "await import('./dist/core.js'); await import('./dist/server.js'); const react = await import('react'); console.log(typeof react.createContext);";
    const out = execFileSync(process.execPath, ['--conditions=react-server', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    // The condition took effect: React's server build, without createContext.
    expect(out.trim()).toBe('undefined');
  });
});
