import { gzipSync } from 'node:zlib';

import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/**
 * Bundle sizes, measured the same way for us and for peers: esbuild, minified,
 * gzip level 9, with React, react-dom and react-query external.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const BROWSER_EXTERNALS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@tanstack/query-core'];

export interface SizeBudget {
  /** What is measured. */
  name: string;
  /** The budget in bytes, gzipped: the target the library must reach. */
  budget: number;
  /**
   * A temporary enforced limit above the budget, set at the measured size while
   * work to reach the budget is open. The test fails when a bundle grows past
   * it, so nothing gets heavier in the meantime. Remove it once under budget.
   */
  ceiling?: number;
  /** Peers' figures for the same job, for the report. */
  peers?: string;
  measure: () => Promise<number>;
}

export interface SizeResult {
  name: string;
  bytes: number;
  budget: number;
  ceiling?: number;
  peers?: string;
}

const gzipSize = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;

/** The gzipped size of a bundle of `contents` (an ES module importing from src/). */
async function bundleSize(contents: string, options: Partial<BuildOptions> = {}): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external: BROWSER_EXTERNALS,
    logLevel: 'silent',
    ...options,
  });
  return (result.outputFiles ?? []).reduce((sum, file) => sum + gzipSize(file.contents), 0);
}

export const budgets: SizeBudget[] = [
  {
    name: 'useR2Upload + core',
    budget: 6 * 1024,
    peers: "Uppy's headless 23.8 kB, better-upload's client 3.2 kB",
    measure: () => bundleSize("export { useR2Upload } from './src/react/index.ts';"),
  },
  {
    name: 'r2-uploader (everything)',
    budget: 12 * 1024,
    peers: "react-dropzone 6.4 kB (a drop zone alone)",
    measure: () => bundleSize("export * from './src/react/index.ts';"),
  },
  {
    name: 'r2-uploader/core',
    budget: 6 * 1024,
    measure: () => bundleSize("export * from './src/core/index.ts';"),
  },
  {
    name: 'styles.css',
    budget: 2 * 1024,
    measure: async () => {
      const result = await build({ entryPoints: [`${root}src/react/styles.css`], bundle: true, minify: true, write: false, logLevel: 'silent' });
      return gzipSize(result.outputFiles?.[0]?.contents ?? new Uint8Array());
    },
  },
  {
    name: 'r2-uploader/server (Workers bundle)',
    // Listing reads ListObjectsV2's XML with @rgrove/parse-xml (4 kB; fast-xml-parser would be 21 kB).
    budget: 12 * 1024,
    measure: () =>
      bundleSize("export * from './src/server/index.ts';", {
        platform: 'neutral',
        mainFields: ['module', 'main'],
        conditions: ['workerd', 'worker', 'browser'],
        // The Node adapter imports node: modules that Workers never load.
        external: ['node:*'],
      }),
  },
];

/** Measures every budget. */
export async function measureAll(): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const { name, budget, ceiling, peers, measure } of budgets) {
    results.push({ name, bytes: await measure(), budget, ...(ceiling ? { ceiling } : {}), ...(peers ? { peers } : {}) });
  }
  return results;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;

/** The enforced limit: the temporary ceiling while one is set, else the budget. */
export const limitOf = (r: Pick<SizeResult, 'budget' | 'ceiling'>) => r.ceiling ?? r.budget;

function verdict(r: SizeResult): string {
  if (r.bytes <= r.budget) return 'ok';
  return r.bytes <= limitOf(r) ? `over budget (ceiling ${kB(limitOf(r))})` : '**over ceiling**';
}

/** The report as a Markdown table. */
export function sizeTable(results: SizeResult[]): string {
  const rows = results.map((r) => `| ${r.name} | ${kB(r.bytes)} | ${kB(r.budget)} | ${verdict(r)} | ${r.peers ?? ''} |`);
  return ['| bundle (min + gzip -9) | size | budget | | peers |', '| --- | ---: | ---: | --- | --- |', ...rows].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await measureAll();
  console.log(sizeTable(results));
  const over = results.filter((r) => r.bytes > limitOf(r));
  if (over.length > 0) {
    console.error(`\nOver the enforced limit: ${over.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}
