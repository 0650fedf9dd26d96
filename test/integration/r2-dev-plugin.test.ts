import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AwsClient } from 'aws4fetch';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devBucketFromEnv, LOCAL_R2_DEV, r2DevPlugin, type LocalBucketInfo } from '../../demo/r2-dev-plugin.ts';
import type { UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { encodeKeyPath } from '../../src/server/object-key.ts';
import { putTo } from '../support/upload-requests.ts';

let persist: string;

beforeAll(async () => {
  persist = await mkdtemp(join(tmpdir(), 'r2u-dev-plugin-'));
});

afterAll(async () => {
  await rm(persist, { recursive: true, force: true });
});

/** A real Vite dev server with only the plugin, listening on a free port. */
async function startDevServer(env: Record<string, string>): Promise<{ server: ViteDevServer; base: string }> {
  const server = await createServer({
    configFile: false,
    root: persist,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
    plugins: [r2DevPlugin({ env, handler: { allowedContentTypes: ['text/*'] } })],
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server is not listening');
  return { server, base: `http://127.0.0.1:${address.port}` };
}

/** An S3 GET signed independently of the handler, as the e2e tests read objects. */
async function readBack(info: LocalBucketInfo, key: string): Promise<Response> {
  const client = new AwsClient({ accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey, service: 's3', region: 'auto', retries: 0 });
  return client.fetch(`${info.endpoint}/${info.bucket}/${encodeKeyPath(key)}`);
}

describe('r2DevPlugin', () => {
  it('serves /api/upload for a persisted local bucket, describes it, and stops Miniflare on close', async () => {
    const first = await startDevServer({ R2_DEV_PERSIST: persist });
    const info = (await (await fetch(`${first.base}${LOCAL_R2_DEV.infoPath}`)).json()) as LocalBucketInfo;
    expect(info).toMatchObject({ bucket: 'uploads', accessKeyId: LOCAL_R2_DEV.accessKeyId, secretAccessKey: LOCAL_R2_DEV.secretAccessKey });
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn-cgi\/local\/r2\/s3$/);

    const refused = await fetch(`${first.base}/api/upload`, { method: 'POST', body: JSON.stringify({ filename: 'a.png', contentType: 'image/png', size: 1 }) });
    expect(refused.status).toBe(415);

    const body = 'kept across restarts';
    const response = await fetch(`${first.base}/api/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'notes (dev).txt', contentType: 'text/plain', size: body.length }),
    });
    expect(response.status).toBe(200);
    const target = (await response.json()) as UploadTarget;
    expect((await putTo(target, new TextEncoder().encode(body))).status).toBe(200);
    // The demo's handler lists and downloads too.
    const listing = (await (await fetch(`${first.base}/api/upload`)).json()) as { objects: Array<{ key: string }> };
    expect(listing.objects.map((object) => object.key)).toContain(target.key);
    const download = await fetch(`${first.base}/api/upload/download?key=${encodeURIComponent(target.key)}`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(download.status).toBe(302);
    expect(await (await fetch(download.headers.get('location')!)).text()).toBe(body);

    await first.server.close();
    await expect(fetch(info.endpoint)).rejects.toThrow();

    const second = await startDevServer({ R2_DEV_PERSIST: persist });
    try {
      const again = (await (await fetch(`${second.base}${LOCAL_R2_DEV.infoPath}`)).json()) as LocalBucketInfo;
      const stored = await readBack(again, target.key);
      expect(stored.status).toBe(200);
      expect(await stored.text()).toBe(body);
      expect(stored.headers.get('content-type')).toBe('text/plain');
    } finally {
      await second.server.close();
    }
  });
});

describe('devBucketFromEnv', () => {
  const real = { R2_ACCOUNT_ID: 'acc', R2_ACCESS_KEY_ID: 'id', R2_SECRET_ACCESS_KEY: 'secret', R2_BUCKET: 'b' };

  it('uses the real bucket only when all four variables are set', () => {
    expect(devBucketFromEnv(real)).toEqual({ kind: 'real', accountId: 'acc', bucket: 'b', accessKeyId: 'id', secretAccessKey: 'secret' });
    expect(devBucketFromEnv({ ...real, R2_BUCKET: '' })).toMatchObject({ kind: 'local', missing: ['R2_BUCKET'] });
  });

  it('persists in .r2-data by default, R2_DEV_PERSIST overrides, empty means in memory', () => {
    expect(devBucketFromEnv({})).toEqual({ kind: 'local', persist: resolve('.r2-data'), missing: [], proxy: false });
    expect(devBucketFromEnv({ R2_DEV_PERSIST: 'tmp/x' })).toMatchObject({ persist: resolve('tmp/x') });
    expect(devBucketFromEnv({ R2_DEV_PERSIST: '' })).toMatchObject({ persist: undefined });
    expect(devBucketFromEnv({}, '')).toMatchObject({ persist: undefined });
  });

  it('puts the test proxy in front of the local bucket only with R2_DEV_PROXY=1', () => {
    expect(devBucketFromEnv({ R2_DEV_PROXY: '1' })).toMatchObject({ kind: 'local', proxy: true });
    expect(devBucketFromEnv({ R2_DEV_PROXY: '0' })).toMatchObject({ kind: 'local', proxy: false });
  });
});
