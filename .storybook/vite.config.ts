import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Storybook's own Vite config: just React, none of the library build settings. */
export default defineConfig({
  plugins: [react()],
  // The README's examples import the package by name: serve the sources.
  resolve: { alias: [{ find: /^r2-uploader$/, replacement: fileURLToPath(new URL('../src/react/index.ts', import.meta.url)) }] },
});
