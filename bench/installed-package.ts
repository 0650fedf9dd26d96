import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The package as an app installs it, for measuring what users pay: the
 * `npm pack` tarball of the built package, unpacked into the node_modules of
 * a scratch app outside the repository, with its dependencies beside it
 * (linked from this repository's node_modules, at the versions npm ci
 * installed). Only what `files` ships and `exports` exposes resolves there.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

/** `npm pack` of the built package (built first if dist/ is missing) into `destination`; the tarball's path. */
export function packTarball(destination: string): string {
  if (!existsSync(join(root, 'dist/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  return join(destination, tarball);
}

/** What Wrangler runs with here: no metrics, no prompts, no colours. */
export const WRANGLER_ENV = { WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' };

/** Copies the Workers recipe (examples/workers: src/, wrangler.jsonc) into `dir`, without a developer's own .dev.vars. */
export function copyWorkersRecipe(dir: string): void {
  cpSync(join(root, 'examples/workers'), dir, { recursive: true, filter: (path) => !path.endsWith('.dev.vars') });
}

let app: string | undefined;

/** The scratch app's directory (made once per process, removed at exit). */
export function installedPackage(): string {
  if (app) return app;
  const dir = mkdtempSync(join(tmpdir(), 'r2u-installed-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  execFileSync('tar', ['-xzf', packTarball(dir), '-C', dir]);
  mkdirSync(join(dir, 'node_modules'));
  renameSync(join(dir, 'package'), join(dir, 'node_modules/r2-uploader'));
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(dependencies)) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  return (app = dir);
}

let workerBundle: string | undefined;

/** The README's Workers recipe (examples/workers) as `wrangler deploy --dry-run --minify` builds it against the installed package. */
export function wranglerBundle(): string {
  if (workerBundle) return workerBundle;
  const dir = join(installedPackage(), 'worker');
  copyWorkersRecipe(dir);
  execFileSync(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', 'out'], {
    cwd: dir,
    env: { ...process.env, ...WRANGLER_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return (workerBundle = readFileSync(join(dir, 'out/index.js'), 'utf8'));
}
