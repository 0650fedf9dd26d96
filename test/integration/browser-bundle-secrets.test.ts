import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_R2_CREDENTIALS } from '../support/local-r2.ts';

/*
 * Secrets and signing code must never reach the browser. This builds the
 * demo's browser bundle for production, as an app would ship it, with a
 * secret in the environment, and reads every file it emits.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CANARY_SECRET = 'canary-secret-7f3a9c1e5b';

let outDir: string;
let bundle: string;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Long string literals of a directory's sources: they survive minification, unlike names. */
async function literalsOf(dir: string): Promise<Set<string>> {
  const literals = new Set<string>();
  for (const file of await filesUnder(join(root, dir))) {
    if (!/\.tsx?$/.test(file)) continue;
    for (const match of (await readFile(file, 'utf8')).matchAll(/'([^'\n\\$]{24,})'/g)) literals.add(match[1]!);
  }
  return literals;
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'r2u-demo-bundle-'));
  const saved = { ...process.env };
  // What a deployment has in its environment while it builds.
  Object.assign(process.env, { NODE_ENV: 'production', R2_ACCOUNT_ID: 'canary-account', R2_ACCESS_KEY_ID: 'canary-key-id', R2_SECRET_ACCESS_KEY: CANARY_SECRET, R2_BUCKET: 'canary-bucket' });
  try {
    await build({ configFile: join(root, 'demo/vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env = saved;
  }
  const files = await filesUnder(outDir);
  bundle = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe("the demo's browser bundle", () => {
  it('is the real uploader, built for production (so the checks below read something)', () => {
    expect(bundle).toContain('r2u-dropzone');
    expect(bundle).not.toContain('is deprecated in plain JavaScript React classes');
    expect(bundle).toContain('/api/upload');
    expect(bundle.length).toBeGreaterThan(50_000);
  });

  it('holds no secret: neither the build environment’s nor the local bucket’s', () => {
    expect(bundle).not.toContain(CANARY_SECRET);
    expect(bundle).not.toContain('canary-key-id');
    expect(bundle).not.toContain(LOCAL_R2_CREDENTIALS.secretAccessKey);
  });

  it('holds no signing code: no aws4fetch, no SigV4', () => {
    // The hints name aws4fetch in words ("allHeaders: true"); its code is what must be absent.
    expect(bundle).not.toMatch(/["'`]aws4fetch["'`]|node_modules\/aws4fetch|AwsV4Signer|AwsClient/);
    for (const sigv4 of ['AWS4-HMAC-SHA256', 'aws4_request', 'UNSIGNED-PAYLOAD', 'x-amz-content-sha256']) expect(bundle).not.toContain(sigv4);
  });

  it('holds none of r2-uploader/server', async () => {
    const client = new Set([...(await literalsOf('src/core')), ...(await literalsOf('src/react'))]);
    const serverOnly = [...(await literalsOf('src/server'))].filter((literal) => !client.has(literal));
    expect(serverOnly.length).toBeGreaterThan(10);
    expect(serverOnly.filter((literal) => bundle.includes(literal))).toEqual([]);
    expect(bundle).not.toMatch(/createR2UploadHandler|toNodeHandler|sanitizeFilename/);
  });
});
