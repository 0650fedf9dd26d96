import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The bench page, built for production: our library straight from src/, the
 * raw baselines, and Uppy (from bench/node_modules). React is the plain
 * production build; commits are counted through the DevTools hook
 * (page/commit-counter.ts), not with the profiling build.
 */
export default defineConfig({
  root: here('page'),
  publicDir: false,
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: here('.dist'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // One page, loaded once per run: splitting would only add requests.
    chunkSizeWarningLimit: 2048,
  },
});
