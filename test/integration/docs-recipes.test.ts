import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundleForWorkers } from '../support/workers-bundle.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultipartUpload, SignPartsAnswer } from '../../src/core/protocol/multipart-protocol.ts';
import type { ProtocolErrorBody, UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { expectPutStored } from '../support/stored-upload.ts';
import { md5Hex, putTo, randomBody, s3Code } from '../support/upload-requests.ts';

/*
 * The README's backend recipes (examples/, shown there verbatim: see
 * test/unit/readme-examples.test.ts), each run against a real local R2
 * (Miniflare, which checks SigV4):
 * - Workers: examples/workers/src/index.ts bundled as Wrangler does and run
 *   inside workerd (a second Miniflare instance), reached over HTTP;
 * - Express and node:http: the modules' app / server listening on 127.0.0.1;
 * - Next.js App Router: the route module's exported `POST`, called with `Request`s;
 * - Hono: bundled and run in workerd like the Worker, and its `fetch(request, env)` called in Node.
 * Each recipe signs an upload that the bucket stores with its Content-Type,
 * the bucket refuses the same URL with another Content-Type, the recipe's
 * `accept` and `maxFileSize` refuse files, and a multipart upload completes.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const MiB = 1024 * 1024;

/** Sends a request to a recipe's app; `path` starts with `/`. */
type Ask = (path: string, init?: RequestInit) => Promise<Response>;

let r2: LocalR2;
let workerd: LocalR2 | undefined;
const workers: LocalR2[] = [];
const servers: Server[] = [];
const savedEnv = { ...process.env };

/** What every recipe reads: the local bucket's S3 endpoint and its credentials. */
function recipeEnv(): Record<string, string> {
  return { R2_ENDPOINT: r2.endpoint, R2_BUCKET: r2.bucket, R2_ACCESS_KEY_ID: r2.accessKeyId, R2_SECRET_ACCESS_KEY: r2.secretAccessKey };
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const overHttp =
  (base: string): Ask =>
  (path, init) =>
    fetch(`${base}${path}`, init);

beforeAll(async () => {
  r2 = await startLocalR2();
  Object.assign(process.env, recipeEnv());
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(workers.map((worker) => worker.dispose()));
  await r2?.dispose();
  process.env = savedEnv;
});

function postJson(ask: Ask, path: string, body: unknown): Promise<Response> {
  return ask(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Runs a recipe's Worker in workerd (a Miniflare instance of its own), bundled the way Wrangler does. */
async function startWorker(entry: string): Promise<LocalR2> {
  const script = await bundleForWorkers({ entryPoints: [entry], absWorkingDir: root, alias: { 'r2-uploader/server': './src/server/index.ts' } });
  const worker = await startLocalR2({ script, bindings: recipeEnv(), compatibilityDate: '2025-06-01' });
  workers.push(worker);
  return worker;
}

/** Each recipe's app, started once, by name. */
const asks = new Map<string, Ask>();

const recipes: Array<{ name: string; file: string; start: () => Promise<Ask>; mountsBelow: boolean }> = [
  {
    name: 'Cloudflare Workers (in workerd)',
    file: 'examples/workers/src/index.ts',
    mountsBelow: true,
    async start() {
      workerd = await startWorker('examples/workers/src/index.ts');
      return overHttp(workerd.url.replace(/\/$/, ''));
    },
  },
  {
    name: 'Hono as a Worker (in workerd)',
    file: 'examples/hono/src/index.ts',
    mountsBelow: true,
    async start() {
      const worker = await startWorker('examples/hono/src/index.ts');
      return overHttp(worker.url.replace(/\/$/, ''));
    },
  },
  {
    name: 'Express',
    file: 'examples/express/app.ts',
    mountsBelow: true,
    async start() {
      const { app } = await import('../../examples/express/app.ts');
      return overHttp(await listen(app.listen(0, '127.0.0.1')));
    },
  },
  {
    name: 'Node 22 node:http',
    file: 'examples/node-http/server.ts',
    mountsBelow: true,
    async start() {
      const { server } = await import('../../examples/node-http/server.ts');
      return overHttp(await listen(server));
    },
  },
  {
    name: 'Next.js App Router (the route module’s POST)',
    file: 'examples/nextjs/app/api/upload/route.ts',
    // route.ts answers its own path only; the README points to [[...path]]/route.ts for more.
    mountsBelow: false,
    async start() {
      const route = await import('../../examples/nextjs/app/api/upload/route.ts');
      // Next.js calls the export named after the method, and answers 405 when there is none.
      const exports = route as Partial<Record<string, (request: Request) => Promise<Response>>>;
      return async (path, init) => {
        const handler = exports[init?.method ?? 'GET'];
        return handler ? handler(new Request(`http://127.0.0.1:3000${path}`, init)) : new Response(null, { status: 405 });
      };
    },
  },
  {
    name: 'Hono (app.fetch in Node, with the same bindings)',
    file: 'examples/hono/src/index.ts',
    mountsBelow: true,
    async start() {
      const { default: app } = await import('../../examples/hono/src/index.ts');
      const env = recipeEnv();
      return async (path, init) => app.fetch(new Request(`http://127.0.0.1:8787${path}`, init), env);
    },
  },
];

beforeAll(async () => {
  for (const recipe of recipes) asks.set(recipe.name, await recipe.start());
});

describe.each(recipes)('README recipe: $name ($file)', ({ name }) => {
  let ask: Ask;
  beforeAll(async () => {
    ask = asks.get(name)!;
  });

  it('signs a PUT that stores the bytes with the signed Content-Type, and the bucket refuses another type', async () => {
    const bytes = randomBody(4321);
    const target = await json<UploadTarget>(await postJson(ask, '/api/upload', { filename: `${name} cat (1).png`, contentType: 'image/png', size: bytes.length }));
    expect(target.key).toMatch(/^uploads\/[^/]+\/.+\.png$/);

    const forged = await putTo(target, bytes, 'text/html');
    expect(forged.status).toBe(403);
    expect(s3Code(await forged.text())).toBe('SignatureDoesNotMatch');

    expect(target.headers['content-type']).toBe('image/png');
    await expectPutStored(r2, target, bytes);
  });

  it('refuses what its accept and maxFileSize refuse, before signing', async () => {
    const html = await json<ProtocolErrorBody>(await postJson(ask, '/api/upload', { filename: 'page.html', contentType: 'text/html', size: 10 }), 415);
    expect(html.error.code).toBe('content_type_not_allowed');
    const huge = await json<ProtocolErrorBody>(await postJson(ask, '/api/upload', { filename: 'big.pdf', contentType: 'application/pdf', size: 100 * MiB + 1 }), 413);
    expect(huge.error.code).toBe('file_too_large');
  });

  it('answers the multipart routes on the same path: a 2-part upload completes', async () => {
    const bytes = randomBody(5 * MiB + 17);
    const post = async <T>(action: string, body: unknown) => json<T>(await postJson(ask, `/api/upload?action=${action}`, body));
    const upload = await post<MultipartUpload>('multipart-create', { filename: 'scan.pdf', contentType: 'application/pdf', size: bytes.length, partSize: 5 * MiB });
    const { parts } = await post<SignPartsAnswer>('multipart-sign-parts', { ...upload, size: bytes.length, partSize: 5 * MiB, partNumbers: [1, 2] });
    const etags: string[] = [];
    for (const part of parts) {
      const body = bytes.slice((part.partNumber - 1) * 5 * MiB, part.partNumber * 5 * MiB);
      const put = await fetch(part.url, { method: 'PUT', body });
      expect(put.status, await put.clone().text()).toBe(200);
      etags.push(put.headers.get('etag')!);
    }
    await post('multipart-complete', { ...upload, parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) });
    const stored = await r2.getObject(upload.key);
    expect(stored?.contentType).toBe('application/pdf');
    expect(stored && md5Hex(stored.bytes)).toBe(md5Hex(bytes));
  });
});

describe.each(recipes.filter((recipe) => recipe.mountsBelow))('README recipe: $name, mounted', ({ name }) => {
  it('reaches the handler below its path too (where `/download` lives once turned on)', async () => {
    // The handler's own JSON refusal (download is off: 405 when nothing but uploads is on, 404 once listing is), not the framework's 404 page.
    const response = await asks.get(name)!('/api/upload/download?key=uploads/x');
    const below = JSON.parse(await response.text()) as ProtocolErrorBody;
    expect([405, 404]).toContain(response.status);
    expect(below.error.code).toBe(response.status === 405 ? 'method_not_allowed' : 'not_found');
  });
});

describe('what the recipes say about mounting', () => {
  it('Express: the app’s own JSON routes after the handler still get their parsed body', async () => {
    const { app } = await import('../../examples/express/app.ts');
    const ask = overHttp(await listen(app.listen(0, '127.0.0.1')));
    // A route the app adds after the recipe's lines, behind its express.json().
    app.post('/api/echo', (req, res) => void res.json(req.body));
    expect(await json(await postJson(ask, '/api/echo', { hello: 'world' }))).toEqual({ hello: 'world' });
  });

  it('Workers and node:http: other paths get 404, not the handler', async () => {
    expect(workerd).toBeDefined();
    expect((await fetch(new URL('other', workerd!.url), { method: 'POST' })).status).toBe(404);
    const { server } = await import('../../examples/node-http/server.ts');
    const address = server.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${address.port}/other`, { method: 'POST' })).status).toBe(404);
  });
});
