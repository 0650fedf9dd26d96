import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Three pages, each built as an app would ship it, with a manifest to tell eager chunks from lazy ones (the sizes the README quotes).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist-sizes',
    manifest: true,
    rolldownOptions: { input: { bare: 'pages/bare.html', hook: 'pages/hook.html', component: 'pages/component.html', everything: 'pages/everything.html' } },
  },
});
