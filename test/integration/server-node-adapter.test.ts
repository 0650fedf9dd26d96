import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createR2UploadHandler, toNodeHandler } from '../../src/server/index.ts';
import type { UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { md5Hex, putTo, randomBody } from '../support/upload-requests.ts';

let r2: LocalR2;
let server: Server;
let base: string;
/** What the app's own code sees after the handler, to show that mounting paths are kept. */
const seenUrls: string[] = [];

beforeAll(async () => {
  r2 = await startLocalR2();
  const { endpoint, bucket, accessKeyId, secretAccessKey } = r2;
  const upload = toNodeHandler(
    createR2UploadHandler({
      endpoint,
      bucket,
      accessKeyId,
      secretAccessKey,
      authorize: (request) => {
        seenUrls.push(request.url);
        return request.headers.get('x-user') ? { prefix: `users/${request.headers.get('x-user')}` } : false;
      },
    }),
  );
  server = createServer((req: IncomingMessage & { body?: unknown; originalUrl?: string }, res: ServerResponse) => {
    // Mimics express.json() ahead of the handler, for the re-serialization fallback.
    if (req.url === '/parsed/api/upload') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        void upload(req, res);
      });
      return;
    }
    // Mimics an Express mount: url relative to the mount point, originalUrl complete.
    if (req.url?.startsWith('/mounted/')) {
      req.originalUrl = req.url;
      req.url = req.url.slice('/mounted'.length);
    }
    void upload(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await r2?.dispose();
});

function ask(path: string, body: string, headers: Record<string, string> = { 'x-user': '42' }): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('toNodeHandler on node:http', () => {
  it('signs an upload that the bucket then holds byte for byte', async () => {
    const bytes = randomBody(123_457);
    const response = await ask('/api/upload', JSON.stringify({ filename: 'node (1).bin', contentType: 'application/octet-stream', size: bytes.byteLength }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const target = (await response.json()) as UploadTarget;
    expect(target.key).toMatch(/^users\/42\/[0-9a-f-]{36}\/node \(1\)\.bin$/);

    const put = await putTo(target, bytes);
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`);
    const stored = await r2.getObject(target.key);
    expect(stored && Buffer.from(stored.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('passes the headers and the full URL, including a mount path', async () => {
    seenUrls.length = 0;
    const response = await ask('/mounted/api/upload?x=1', JSON.stringify({ filename: 'a', contentType: 'text/plain', size: 1 }));
    expect(response.status).toBe(200);
    expect(seenUrls).toEqual([`${base}/mounted/api/upload?x=1`]);
  });

  it('keeps a hostile Host header or path from changing the URL the app sees', async () => {
    seenUrls.length = 0;
    const send = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${base}${path}`, { method: 'POST', headers: { host, 'x-user': '1', 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ filename: 'a', contentType: 'text/plain', size: 1 }));
      });
    expect(await send('/api/upload', 'evil.example/steal?')).toBe(200);
    expect(await send('//evil.example/api/upload', 'app.example:8080')).toBe(200);
    expect(seenUrls).toEqual(['http://localhost/api/upload', 'http://app.example:8080//evil.example/api/upload']);
  });

  it('answers refusals as JSON with their status', async () => {
    const refused = await ask('/api/upload', '{}', {});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const get = await fetch(`${base}/api/upload`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 400 to a huge body without resetting the connection', async () => {
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/api/upload`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-user': '42' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      // Chunked, so the handler cannot refuse it from Content-Length alone.
      for (let i = 0; i < 64; i += 1) req.write(Buffer.alloc(16 * 1024, 0x20));
      req.end();
    });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'request_too_large' } });
  });

  it('falls back to a body a parser already consumed', async () => {
    const response = await ask('/parsed/api/upload', JSON.stringify({ filename: 'parsed.txt', contentType: 'text/plain', size: 2 }));
    expect(response.status).toBe(200);
    const target = (await response.json()) as UploadTarget;
    expect((await putTo(target, new TextEncoder().encode('ok'))).status).toBe(200);
    expect(await r2.listKeys()).toContain(target.key);
  });
});
