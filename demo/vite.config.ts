import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { r2DevPlugin } from './r2-dev-plugin.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
    ],
  },
  server: { host: '127.0.0.1', port: 5173 },
});
