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
        // The React entry is client code: with the directive, a Next.js Server Component can import and render its components.
        banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : chunk.isEntry && chunk.name === 'index' ? "'use client';" : ''),
      },
    },
  },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        // The README's examples import the package by name: test the sources, as tsconfig's paths do.
        resolve: {
          alias: [
            { find: /^r2-uploader$/, replacement: here('src/react/index.ts') },
            { find: /^r2-uploader\/testing$/, replacement: here('src/testing/index.ts') },
            { find: /^r2-uploader\/locales\/(\w+)$/, replacement: here('src/locales/$1.ts') },
          ],
        },
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/support/setup-dom.ts'],
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
