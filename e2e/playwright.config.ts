import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/support/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 5199);

/** End-to-end tests in Chromium against the real dev stack (demo + handler + Miniflare). */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
  },
  webServer: {
    command: `npx vite --config demo/vite.config.ts --port ${PORT} --strictPort`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // An in-memory bucket, and never a real one, whatever the shell has set.
    env: { R2_DEV_PERSIST: '', R2_DEV_PROXY: '1', R2_ACCOUNT_ID: '', R2_ACCESS_KEY_ID: '', R2_SECRET_ACCESS_KEY: '', R2_BUCKET: '' },
  },
});
