import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The declarations as an app gets them: the package's own files and its
 * dependencies, but neither @types/node nor msw, typechecked with
 * skipLibCheck: false. Outside the repository, so nothing resolves to our
 * own node_modules by walking up.
 */

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
let app: string;

beforeAll(() => {
  if (!existsSync(join(root, 'dist/types/server/index.d.ts'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  app = mkdtempSync(join(tmpdir(), 'r2u-types-'));
  const installed = join(app, 'node_modules/r2-uploader');
  mkdirSync(join(installed, 'dist'), { recursive: true });
  cpSync(join(root, 'dist/types'), join(installed, 'dist/types'), { recursive: true });
  cpSync(join(root, 'dist/styles.css.d.ts'), join(installed, 'dist/styles.css.d.ts'));
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
  for (const dependency of Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies as object)) {
    symlinkSync(join(root, 'node_modules', dependency), join(app, 'node_modules', dependency), 'dir');
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module' }));
}, 120_000);

afterAll(() => rmSync(app, { recursive: true, force: true }));

/** Typechecks `source` in the app; the compiler's output, empty when it passes. */
function typecheck(source: string, moduleResolution: 'bundler' | 'nodenext'): { status: number | null; output: string } {
  writeFileSync(join(app, 'app.ts'), source);
  const compilerOptions = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext',
    moduleResolution,
    types: [],
  };
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['app.ts'] }));
  const run = spawnSync(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const SERVER_AND_CORE = `
import { createR2UploadHandler, toNodeHandler, type NodeHandler } from 'r2-uploader/server';
import { createUploader, R2UploadError } from 'r2-uploader/core';
import 'r2-uploader/styles.css';

const handler = createR2UploadHandler({ endpoint: 'https://account.r2.cloudflarestorage.com', bucket: 'b', accessKeyId: 'k', secretAccessKey: 's' });
export const node: NodeHandler = toNodeHandler(handler);
export const uploader = createUploader({ endpoint: '/api/upload' });
export const error = new R2UploadError('canceled', 'x');
`;

describe.each(['bundler', 'nodenext'] as const)('declarations with moduleResolution %s, skipLibCheck false', (moduleResolution) => {
  it('r2-uploader/server, r2-uploader/core and styles.css typecheck without @types/node or msw', () => {
    const { status, output } = typecheck(SERVER_AND_CORE, moduleResolution);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('the check sees what is missing: r2-uploader/testing needs msw, which this app lacks', () => {
    const { status, output } = typecheck("import { createFakeBucket } from 'r2-uploader/testing';\nexport const bucket = createFakeBucket;\n", moduleResolution);
    expect(status).not.toBe(0);
    expect(output).toContain("'msw'");
  });
});
