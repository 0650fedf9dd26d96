import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The bench page, built for production: our library straight from src/, the
 * raw baselines, and Uppy (from bench/node_modules). react-dom's profiling
 * build stands in for react-dom/client so that `<Profiler onRender>` counts
 * commits in production mode (its overhead is a counter per commit).
 */
export default defineConfig({
  root: here('page'),
  publicDir: false,
  logLevel: 'warn',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
  },
  build: {
    outDir: here('.dist'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // One page, loaded once per run: splitting would only add requests.
    chunkSizeWarningLimit: 2048,
  },
});
