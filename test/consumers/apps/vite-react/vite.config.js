import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Nothing but the React plugin and a proxy to the upload handler: Vite 8's defaults (Lightning CSS minifies).
const api = { '/api': process.env.R2U_BACKEND };
export default defineConfig({ plugins: [react()], server: { proxy: api }, preview: { proxy: api } });
