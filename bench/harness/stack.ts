import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import type * as ServerEntry from '../../src/server/index.ts';
import { BENCH_ROUTES, RUN_HEADER, runPrefix } from '../shared/protocol.ts';
import { benchRoute } from './bench-routes.ts';
import { startBenchStore, type BenchStore } from './local-store.ts';
import { serveStatic } from './static-files.ts';

/** The bench's backend: the page, the library's handler, the baselines' signing routes, and the store. */
export interface BenchStack {
  /** `http://127.0.0.1:<port>/`: the bench page. */
  pageUrl: string;
  store: BenchStore;
  close(): Promise<void>;
}

const SERVER_ENTRY = fileURLToPath(new URL('../../src/server/index.ts', import.meta.url));

/**
 * src/ imports its siblings as `./x.js`, which Node's type stripping cannot
 * resolve to `x.ts`; Vite's module runner can, so the handler under test is
 * the source itself, not a stale build.
 */
async function loadServerEntry(): Promise<typeof ServerEntry> {
  const { module } = await runnerImport<typeof ServerEntry>(SERVER_ENTRY, { configFile: false, logLevel: 'silent' });
  return module;
}

/**
 * Starts Miniflare and one HTTP server on 127.0.0.1 that serves the built page
 * at `/`, the library's `createR2UploadHandler` at `/api/upload` (each run's
 * keys confined to `runs/<id>/` through `authorize`), and the baselines'
 * aws4fetch routes. The page and the store are different origins, as in
 * production, so every upload pays its CORS preflight.
 */
export async function startStack(pageDir: string): Promise<BenchStack> {
  const store = await startBenchStore();
  const { createR2UploadHandler, toNodeHandler } = await loadServerEntry();
  const upload = toNodeHandler(
    createR2UploadHandler({
      endpoint: store.endpoint,
      bucket: store.bucket,
      accessKeyId: store.accessKeyId,
      secretAccessKey: store.secretAccessKey,
      expiresIn: 3600,
      authorize: (request) => {
        const runId = request.headers.get(RUN_HEADER) ?? '';
        return /^[a-z0-9-]{1,64}$/.test(runId) ? { prefix: runPrefix(runId) } : false;
      },
    }),
  );
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === BENCH_ROUTES.upload) return void upload(req, res);
    if (benchRoute(store, path, req, res)) return;
    void serveStatic(pageDir, path, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/`,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.dispose();
    },
  };
}
