import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
/** Where bench/vite.config.ts writes the page (git-ignored). */
export const PAGE_DIR = fileURLToPath(new URL('../.dist', import.meta.url));

const BENCH_DEPENDENCY = fileURLToPath(new URL('../node_modules/@uppy/aws-s3/package.json', import.meta.url));

/** Bench-only dependencies live in bench/node_modules; without them the build fails with a cryptic resolve error. */
function assertBenchDependencies(): void {
  if (!existsSync(BENCH_DEPENDENCY)) {
    throw new Error('The benchmark needs its own dependencies (Uppy): run `npm run bench:install` (npm ci --prefix bench) first.');
  }
}

/** Builds the bench page for production (about a second) and returns its directory. */
export async function buildPage(): Promise<string> {
  assertBenchDependencies();
  await build({ configFile: CONFIG, logLevel: 'warn' });
  return PAGE_DIR;
}
