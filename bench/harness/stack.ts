import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import type * as ServerEntry from '../../src/server/index.ts';
import { BENCH_ROUTES, RUN_HEADER, runPrefix } from '../shared/protocol.ts';
import { benchRoute } from './bench-routes.ts';
import { startBenchStore, type BenchStore } from './local-store.ts';
import { serveStatic } from './static-files.ts';
import { sendServerFetchesToStore } from './server-fetch.ts';
import { startStoreFront, type FrontKind, type StoreFront } from './store-front.ts';
import { selfSignedCertificate } from './tls-cert.ts';

/** Where a run's uploads go: Miniflare itself, or one of the fronts before it (see store-front.ts). */
export type StoreRoute = 'direct' | FrontKind;

/** The bench's backend: the page, the library's handler, the baselines' signing routes, and the store. */
export interface BenchStack {
  /** `http://127.0.0.1:<port>/`: the bench page. */
  pageUrl: string;
  store: BenchStore;
  /**
   * Makes the library's handler and the baselines' routes sign for `route`
   * from now on, and returns its front (none for `direct`). Runs are
   * sequential and each opens a fresh page, so one switch per run is enough.
   */
  useStore(route: StoreRoute): StoreFront | undefined;
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
 * Starts Miniflare, the fronts before it (store-front.ts), and one HTTP
 * server on 127.0.0.1 that serves the built page at `/`, the library's
 * `createR2UploadHandler` at `/api/upload` (each run's keys confined to
 * `runs/<id>/` through `authorize`), and the baselines' aws4fetch routes.
 * The page and the store are different origins, as in production, so every
 * upload pays its CORS preflight.
 */
export async function startStack(pageDir: string): Promise<BenchStack> {
  const store = await startBenchStore();
  const certificate = selfSignedCertificate();
  const upstream = { origin: store.origin, endpointPath: new URL(store.endpoint).pathname };
  const fronts: Record<FrontKind, StoreFront> = {
    h1: await startStoreFront('h1', upstream, certificate),
    'h1-tls': await startStoreFront('h1-tls', upstream, certificate),
    h2: await startStoreFront('h2', upstream, certificate),
  };
  const restoreFetch = sendServerFetchesToStore(Object.values(fronts).map((front) => front.origin), store.origin);
  const { createR2UploadHandler, toNodeHandler } = await loadServerEntry();
  // One handler per route, each as an app configures it for its endpoint.
  const handlerFor = (endpoint: string) =>
    toNodeHandler(
      createR2UploadHandler({
        endpoint,
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
  // SigV4 covers the host, so a front's URLs must be signed for the front's origin.
  const routeTo = (endpoint: string) => ({ upload: handlerFor(endpoint), target: { ...store, endpoint } });
  const routes: Record<StoreRoute, ReturnType<typeof routeTo>> = {
    direct: routeTo(store.endpoint),
    h1: routeTo(fronts.h1.endpoint),
    'h1-tls': routeTo(fronts['h1-tls'].endpoint),
    h2: routeTo(fronts.h2.endpoint),
  };
  let current = routes.direct;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === BENCH_ROUTES.upload) return void current.upload(req, res);
    if (benchRoute(current.target, path, req, res)) return;
    void serveStatic(pageDir, path, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/`,
    store,
    useStore(route) {
      current = routes[route];
      return route === 'direct' ? undefined : fronts[route];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const front of Object.values(fronts)) await front.close();
      restoreFetch();
      await store.dispose();
    },
  };
}
