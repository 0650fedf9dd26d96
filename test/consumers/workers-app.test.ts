import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ListedObject, ObjectListPage } from '../../src/core/protocol/list-protocol.ts';
import type { MultipartUpload, SignPartsAnswer } from '../../src/core/protocol/multipart-protocol.ts';
import type { ProtocolErrorBody, UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { expectPutStored } from '../support/stored-upload.ts';
import { md5Hex, putTo, randomBody } from '../support/upload-requests.ts';
import { copyWorkersRecipe, WRANGLER_ENV } from '../../bench/installed-package.ts';
import { createConsumerApp, type ConsumerApp } from './consumer-app.ts';

/*
 * The README's Workers recipe (examples/workers: src/index.ts and wrangler.jsonc) in a fresh project
 * with the packed package and Wrangler, as a Worker user has it: bundled by `wrangler deploy --dry-run`,
 * and run by `wrangler dev` (local mode, no login, secrets from .dev.vars) against Miniflare's S3
 * endpoint. The requests are the JSON protocol's, sent as the browser client would.
 */

const PORT = 5304;
const MiB = 1024 * 1024;
const ADMIN_TOKEN = 'consumer-test-admin-token';
const base = `http://127.0.0.1:${PORT}/api/upload`;
let app: ConsumerApp;
let r2: LocalR2;

/** Resolves once the Worker answers at all (its 404 outside /api/upload counts), or rejects after `timeout` ms. */
async function waitForWorker(timeout = 90_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/`);
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  throw new Error(`wrangler dev did not answer on ${PORT} within ${timeout} ms`);
}


beforeAll(async () => {
  app = createConsumerApp(inject('tarball'), ['wrangler']);
  copyWorkersRecipe(app.dir);
  r2 = await startLocalR2();
  // What the recipe tells a Worker user to do locally: the secrets in .dev.vars.
  writeFileSync(join(app.dir, '.dev.vars'), `R2_ACCESS_KEY_ID=${r2.accessKeyId}\nR2_SECRET_ACCESS_KEY=${r2.secretAccessKey}\nADMIN_TOKEN=${ADMIN_TOKEN}\n`);
  app.start(
    'wrangler',
    ['dev', '--local', '--ip', '127.0.0.1', '--port', String(PORT), '--inspector-port', '9331', '--show-interactive-dev-session=false', '--var', `R2_ENDPOINT:${r2.endpoint}`, '--var', `R2_BUCKET:${r2.bucket}`],
    WRANGLER_ENV,
  );
  await waitForWorker();
}, 180_000);

afterAll(async () => {
  app?.remove();
  await r2?.dispose();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

describe('the Workers recipe from the packed package, under Wrangler', () => {
  it('bundles with `wrangler deploy --dry-run --minify`, without React', () => {
    app.run('wrangler', ['deploy', '--dry-run', '--minify', '--outdir', 'out'], WRANGLER_ENV);
    const bundle = join(app.dir, 'out/index.js');
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, 'utf8');
    expect(code).toContain('X-Amz-Signature');
    expect(code).not.toMatch(/createContext|react-dom/);
    console.info(`Workers recipe, Wrangler --minify: ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(2)} kB gzip -9`);
  });

  it('signs a PUT under `wrangler dev`, and the bucket stores the bytes with the signed Content-Type', async () => {
    const bytes = randomBody(4321);
    const target = await json<UploadTarget>(await post('', { filename: 'cat ü (1).png', contentType: 'image/png', size: bytes.length }));
    expect(target.headers['content-type']).toBe('image/png');
    await expectPutStored(r2, target, bytes);
  });

  it('refuses a type the recipe does not accept, and stores nothing', async () => {
    const before = await r2.listKeys();
    const refusal = await json<ProtocolErrorBody>(await post('', { filename: 'tool.exe', contentType: 'application/x-msdownload', size: 2 }), 415);
    expect(refusal.error.code).toBe('content_type_not_allowed');
    expect(await r2.listKeys()).toEqual(before);
  });

  it('lists for the admin token only', async () => {
    const bytes = randomBody(99);
    const target = await json<UploadTarget>(await post('', { filename: 'listed.pdf', contentType: 'application/pdf', size: bytes.length }));
    expect((await putTo(target, bytes)).status).toBe(200);
    expect((await fetch(`${base}?prefix=`)).status).toBe(401);
    const listing = await json<ObjectListPage>(await fetch(`${base}?prefix=`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }));
    expect(listing.objects.map((object: ListedObject) => object.key)).toContain(target.key);
    expect(listing.objects.find((object: ListedObject) => object.key === target.key)?.size).toBe(99);
  });

  it('completes a 2-part multipart upload through the multipart routes', async () => {
    const bytes = randomBody(5 * MiB + 17);
    const action = async <T>(name: string, body: unknown) => json<T>(await post(`?action=${name}`, body));
    const upload = await action<MultipartUpload>('multipart-create', { filename: 'scan.pdf', contentType: 'application/pdf', size: bytes.length, partSize: 5 * MiB });
    const { parts } = await action<SignPartsAnswer>('multipart-sign-parts', { ...upload, size: bytes.length, partSize: 5 * MiB, partNumbers: [1, 2] });
    const etags: string[] = [];
    for (const part of parts) {
      const put = await fetch(part.url, { method: 'PUT', body: bytes.slice((part.partNumber - 1) * 5 * MiB, part.partNumber * 5 * MiB) });
      expect(put.status, await put.clone().text()).toBe(200);
      etags.push(put.headers.get('etag')!);
    }
    const done = await action<{ key: string; etag: string }>('multipart-complete', { ...upload, parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) });
    expect(done.etag).toMatch(/-2"?$/);
    const stored = await r2.getObject(upload.key);
    expect(stored?.contentType).toBe('application/pdf');
    expect(stored && md5Hex(stored.bytes)).toBe(md5Hex(bytes));
  });
});
