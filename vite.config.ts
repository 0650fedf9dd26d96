import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type Plugin } from 'vitest/config';
import { chromiumLaunchOptions } from './test/support/chromium.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Ships the stylesheet as `dist/styles.css` without importing CSS from JS. */
function copyStyles(): Plugin {
  return {
    name: 'r2-uploader:styles',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: readFileSync(here('src/react/styles.css'), 'utf8') });
      // `import 'r2-uploader/styles.css'` resolves for TypeScript too (TS 6+ refuses a side-effect import it cannot resolve).
      this.emitFile({ type: 'asset', fileName: 'styles.css.d.ts', source: '// The default stylesheet: imported for its side effect, it exports nothing.\nexport {};\n' });
    },
  };
}

/** The README's examples import the package by name: test the sources, as tsconfig's paths do. */
const packageAliases = [
  { find: /^r2-uploader$/, replacement: here('src/react/index.ts') },
  { find: /^r2-uploader\/testing$/, replacement: here('src/testing/index.ts') },
  { find: /^r2-uploader\/locales\/(\w+)$/, replacement: here('src/locales/$1.ts') },
];

/**
 * React 18.3, for the `react18` project: `react` and `react-dom` (and every subpath: jsx-runtime, client,
 * server, test-utils) from test/react18/deps/node_modules, which the root `npm ci` installs through the
 * `file:test/react18/deps` dev dependency. Nested there rather than npm aliases at the root
 * (react-18 → npm:react@18.3.1), because react-dom 18's own `require('react')` must find React 18,
 * the one copy the code under test gets, and because npm refuses a root react-dom 18 beside React 19
 * (its peer). Exact-match regexes: `react` does not catch `react-dom` or `react-query`.
 */
const react18Aliases = [
  { find: /^(react|react-dom)(\/[\w./-]+)?$/, replacement: here('test/react18/deps/node_modules/$1$2') },
  // Its `main` is CommonJS, whose require('react') Node resolves (to 19): take its ES build, which Vite processes.
  { find: /^@testing-library\/react$/, replacement: here('node_modules/@testing-library/react/dist/@testing-library/react.esm.js') },
];

export default defineConfig({
  plugins: [react(), copyStyles()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: here('src/react/index.ts'),
        core: here('src/core/index.ts'),
        server: here('src/server/index.ts'),
        testing: here('src/testing/index.ts'),
        doctor: here('src/doctor/index.ts'),
        // Each locale is an entry of its own, so the main bundle carries English only.
        'locales/de': here('src/locales/de.ts'),
        'locales/en': here('src/locales/en.ts'),
        // The `r2-uploader` command: plain JS in dist, so Node runs it without a TypeScript loader.
        cli: here('src/doctor/bin.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^aws4fetch/, /^xml-parser-xo/, /^msw($|\/)/, /^node:/],
      output: {
        // One module out per module in, so an app's bundler drops what a page does not import (a hook-only page carries
        // no component), and each React module keeps its own `'use client'` (the modules that call hooks or create
        // context): a Server Component can import `r2-uploader` and render `<R2Uploader>` while the rest stays server code.
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
        banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        resolve: { alias: packageAliases },
        test: {
          name: 'unit',
          environment: 'jsdom',
          // One jsdom per worker, each file still in a context of its own: creating jsdom per file was 40 % of the run.
          pool: 'vmThreads',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/setup-dom.ts'],
        },
      },
      {
        extends: true,
        // The component and hook tests again, on React 18.3 (the peer range is ^18 || ^19).
        resolve: { alias: [...packageAliases, ...react18Aliases] },
        test: {
          name: 'react18',
          environment: 'jsdom',
          pool: 'vmThreads',
          include: ['test/unit/react-*.test.tsx', 'test/unit/docs-testing-example.test.tsx', 'test/react18/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/setup-dom.ts'],
          // Aliases apply only to modules Vite processes: these import react and react-dom themselves.
          server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
        },
      },
      {
        extends: true,
        // The recipes in examples/ import the server by its package name.
        resolve: { alias: [{ find: /^r2-uploader\/server$/, replacement: here('src/server/index.ts') }] },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        // The packed tarball installed into fresh apps (test/consumers): what users get, after the build.
        test: {
          name: 'consumers',
          environment: 'node',
          include: ['test/consumers/**/*.test.ts'],
          globalSetup: ['test/consumers/pack-tarball.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: here('.storybook') })],
        resolve: { alias: [{ find: /^r2-uploader$/, replacement: here('src/react/index.ts') }] },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
