import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createConsumerApp, installedVersion, root, type ConsumerApp } from './consumer-app.ts';

/*
 * The packed package as tools and compilers see it once installed: publint
 * and Are the Types Wrong on the tarball, and every subpath export
 * typechecked by TypeScript 5.9 and the current release, under `bundler` and
 * `nodenext`, with skipLibCheck false, in an app with neither @types/node nor
 * msw (which only r2-uploader/testing needs).
 */

const COMPILERS = {
  'TypeScript 5.9': join(root, 'node_modules/typescript-5.9/bin/tsc'),
  'TypeScript (current)': join(root, 'node_modules/typescript/bin/tsc'),
};

/** Every entry but ./testing, used as an app would. */
const EVERY_ENTRY = `
import { R2ObjectList, R2Uploader, useR2Upload, type UploadState } from 'r2-uploader';
import { aggregateProgress, createUploader, getUploadHistory, R2UploadError } from 'r2-uploader/core';
import { createR2UploadHandler, toNodeHandler } from 'r2-uploader/server';
import { checkBucketCors, formatReport } from 'r2-uploader/doctor';
import { de } from 'r2-uploader/locales/de';
import { en } from 'r2-uploader/locales/en';
import 'r2-uploader/styles.css';

export const parts = [R2Uploader, R2ObjectList, useR2Upload, checkBucketCors, formatReport, de.etag, en.etag];
export const uploader = createUploader({ endpoint: '/api/upload' });
export const progress = (uploads: readonly UploadState[]) => aggregateProgress(uploads).percent;
export const history = getUploadHistory().getSnapshot();
export const error: R2UploadError = new R2UploadError('canceled', 'x');
export const node = toNodeHandler(createR2UploadHandler({ endpoint: 'https://a.r2.cloudflarestorage.com', bucket: 'b', accessKeyId: 'k', secretAccessKey: 's' }));
`;

const TESTING_ENTRY = `
import { createFakeBucket, createPresignHandlers } from 'r2-uploader/testing';
export const bucket = createFakeBucket();
export const handlers = createPresignHandlers;
`;

let app: ConsumerApp;
let tarball: string;

beforeAll(() => {
  tarball = inject('tarball');
  app = createConsumerApp(tarball, ['react', 'react-dom', '@tanstack/react-query', '@types/react', '@types/react-dom']);
}, 120_000);

afterAll(() => app?.remove());

function typecheck(tsc: string, source: string, moduleResolution: 'bundler' | 'nodenext'): string {
  writeFileSync(join(app.dir, 'app.tsx'), source);
  const compilerOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    jsx: 'react-jsx',
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext',
    moduleResolution,
    types: [],
  };
  writeFileSync(join(app.dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.tsx'] }));
  const run = spawnSync(process.execPath, [tsc, '-p', join(app.dir, 'tsconfig.json')], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim() + (run.status === 0 ? '' : `\n(exit ${run.status})`);
}

describe('the tarball', () => {
  it('is clean for publint --strict', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), '--strict', tarball], { encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/error|warning|suggestion/i);
    expect(run.status).toBe(0);
  });

  it('is clean for Are the Types Wrong (esm-only), styles.css included', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(run.stdout) as { analysis: { problems: Array<{ resolutionKind?: string }>; entrypoints: Record<string, unknown> } };
    // The esm-only profile: CommonJS resolutions (node10, require from node16) are out of scope for an ESM-only package.
    expect(report.analysis.problems.filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''))).toEqual([]);
    expect(run.status).toBe(0);
    expect(Object.keys(report.analysis.entrypoints)).toContain('./styles.css');
  });
});

describe.each(Object.entries(COMPILERS))('%s, skipLibCheck false, no @types/node, no msw', (_name, tsc) => {
  for (const moduleResolution of ['bundler', 'nodenext'] as const) {
    it(`typechecks every entry but r2-uploader/testing (${moduleResolution})`, () => {
      expect(typecheck(tsc, EVERY_ENTRY, moduleResolution)).toBe('');
    });

    it(`names msw as what r2-uploader/testing lacks (${moduleResolution})`, () => {
      expect(typecheck(tsc, TESTING_ENTRY, moduleResolution)).toContain("'msw'");
    });
  }
});

describe('an app that installs msw', () => {
  it('typechecks r2-uploader/testing with both compilers and resolutions', () => {
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `msw@${installedVersion('msw')}`], { cwd: app.dir, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    for (const tsc of Object.values(COMPILERS)) {
      for (const moduleResolution of ['bundler', 'nodenext'] as const) expect(typecheck(tsc, TESTING_ENTRY, moduleResolution)).toBe('');
    }
  }, 120_000);
});
