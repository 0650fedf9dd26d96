import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A Tailwind v4 app: its Vite plugin (Lightning CSS) beside React, and a proxy to the upload handler; otherwise Vite's defaults.
const api = { '/api': process.env.R2U_BACKEND };
export default defineConfig({ plugins: [react(), tailwindcss()], server: { proxy: api }, preview: { proxy: api } });
