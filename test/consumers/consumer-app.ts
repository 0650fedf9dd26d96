import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whose installed packages pin the versions a consumer app gets. */
export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The version of `name` installed here, so apps install the same one (from npm's cache when it has it). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `name` at the version installed here; `name@range` as given. */
const pinned = (dependency: string) => (dependency.lastIndexOf('@') > 0 ? dependency : `${dependency}@${installedVersion(dependency)}`);

/** A fresh app outside the repository (nothing resolves to our node_modules by walking up). */
export interface ConsumerApp {
  dir: string;
  /** Runs a binary the app installed; throws with its output when it fails. */
  run(bin: string, args: string[], env?: Record<string, string>): string;
  /** Starts a long-running binary of the app; stopped by `remove()`. */
  start(bin: string, args: string[], env?: Record<string, string>): ChildProcess;
  remove(): void;
}

/**
 * Copies `template` (a folder of test/consumers/apps, or none) into a new
 * directory and installs the packed tarball and `dependencies` there with
 * npm, as a user would: each dependency at the version installed here
 * (`name@range` for another one).
 */
export function createConsumerApp(tarball: string, dependencies: string[], template?: string): ConsumerApp {
  const dir = mkdtempSync(join(tmpdir(), 'r2u-consumer-'));
  if (template) cpSync(join(root, 'test/consumers/apps', template), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }));
  const children: ChildProcess[] = [];
  const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...dependencies.map(pinned)], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`npm install failed in ${dir}:\n${install.stdout}${install.stderr}`);
  const binary = (bin: string) => join(dir, 'node_modules/.bin', bin);
  return {
    dir,
    run(bin, args, env = {}) {
      const result = spawnSync(binary(bin), args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
      if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
      return `${result.stdout}${result.stderr}`;
    },
    start(bin, args, env = {}) {
      const child = spawn(binary(bin), args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      return child;
    },
    remove() {
      for (const child of children) child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `url` answers, or rejects after `timeout` ms. */
export async function waitForUrl(url: string, timeout = 60_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} did not answer within ${timeout} ms`);
}
