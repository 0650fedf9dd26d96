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

let app: string | undefined;

/** The scratch app's directory (made once per process, removed at exit). Builds the package first if dist/ is missing. */
export function installedPackage(): string {
  if (app) return app;
  if (!existsSync(join(root, 'dist/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'r2u-installed-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
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
  cpSync(join(root, 'examples/workers'), dir, { recursive: true, filter: (path) => !path.endsWith('.dev.vars') });
  execFileSync(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--minify', '--outdir', 'out'], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return (workerBundle = readFileSync(join(dir, 'out/index.js'), 'utf8'));
}
