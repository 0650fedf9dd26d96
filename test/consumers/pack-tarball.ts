import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './consumer-app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The path of `npm pack`'s tarball of the built package. */
    tarball: string;
  }
}

/** Vitest global setup of the consumer tests: packs the built package once for all of them. */
export default function packTarball(project: { provide(key: 'tarball', value: string): void }): () => void {
  if (!existsSync(join(root, 'dist/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'r2u-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  project.provide('tarball', join(dir, tarball));
  return () => rmSync(dir, { recursive: true, force: true });
}
