import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { r2DevPlugin } from './r2-dev-plugin.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * `R2_DEMO_REACT=18` (the e2e `react18` project's dev stack): the demo on React 18.3 from test/react18/deps, as
 * the `react18` Vitest project does (see vite.config.ts), pre-bundled in a cache of its own so that
 * it and the React 19 runs do not re-bundle each other's dependencies.
 */
const react18 = process.env.R2_DEMO_REACT === '18';

/**
 * `npm run dev`: the demo page, the project's own presign handler at
 * /api/upload, and a local R2 bucket in Miniflare (or a real bucket when the
 * R2_* variables are set).
 */
export default defineConfig({
  root: here('.'),
  publicDir: false,
  plugins: [react(), r2DevPlugin()],
  resolve: {
    alias: [
      { find: 'r2-uploader/styles.css', replacement: here('../src/react/styles.css') },
      { find: /^r2-uploader$/, replacement: here('../src/react/index.ts') },
      ...(react18 ? [{ find: /^(react|react-dom)(\/[\w./-]+)?$/, replacement: here('../test/react18/deps/node_modules/$1$2') }] : []),
    ],
  },
  cacheDir: react18 ? here('../node_modules/.vite-react18') : undefined,
  server: { host: '127.0.0.1', port: 5173 },
});
