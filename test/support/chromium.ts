import { existsSync } from 'node:fs';

/**
 * Launch options for Chromium in Playwright and Vitest browser mode.
 * Uses Debian's `/usr/bin/chromium` (or `$CHROMIUM_PATH`) when present, since
 * Playwright cannot download its own browsers on these machines; otherwise
 * Playwright's own browser.
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  return existsSync(candidate) ? { executablePath: candidate, args } : { args };
}
