import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Storybook's own Vite config: just React, none of the library build settings. */
export default defineConfig({
  plugins: [react()],
});
