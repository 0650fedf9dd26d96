import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packTarball as pack } from '../../bench/installed-package.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The path of `npm pack`'s tarball of the built package. */
    tarball: string;
  }
}

/** Vitest global setup of the consumer tests: packs the built package once for all of them. */
export default function packTarball(project: { provide(key: 'tarball', value: string): void }): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'r2u-pack-'));
  project.provide('tarball', pack(dir));
  return () => rmSync(dir, { recursive: true, force: true });
}
