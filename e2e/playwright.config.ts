import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/support/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 5199);
/** A second dev stack, the demo on React 18.3 (R2_DEMO_REACT=18), for the `react18` project. */
const REACT18_PORT = PORT + 1;

/** Starts the dev stack (demo + handler + Miniflare) on a port. */
function devStack(port: number, env: Record<string, string> = {}) {
  return {
    command: `npx vite --config demo/vite.config.ts --port ${port} --strictPort`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // An in-memory bucket, and never a real one, whatever the shell has set.
    env: { R2_DEV_PERSIST: '', R2_DEV_PROXY: '1', R2_ACCOUNT_ID: '', R2_ACCESS_KEY_ID: '', R2_SECRET_ACCESS_KEY: '', R2_BUCKET: '', R2_DEMO_REACT: '', ...env },
  };
}

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
  projects: [
    { name: 'react19' },
    // The peer range is ^18 || ^19: the tests tagged @react18 run again on React 18.3 (a few seconds).
    { name: 'react18', use: { baseURL: `http://127.0.0.1:${REACT18_PORT}` }, grep: /@react18/ },
  ],
  webServer: [devStack(PORT), devStack(REACT18_PORT, { R2_DEMO_REACT: '18' })],
});
