import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createR2UploadHandler, toNodeHandler, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from './local-r2.ts';
import { installNodeXhr } from './node-xhr.ts';
import { startS3Proxy, type S3Proxy } from './s3-proxy.ts';

/** One request the backend received. */
export interface BackendCall {
  /** `?action=`, or `put` for a single-PUT target. */
  action: string;
  body: Record<string, unknown>;
  status: number;
}

/** Miniflare, the fault proxy in front of it, and the real handler over HTTP: the whole upload path in Node. */
export interface UploadStack {
  r2: LocalR2;
  proxy: S3Proxy;
  /** The backend's URL, for `createUploader({ endpoint })`. */
  endpoint: string;
  /** Every backend request since the last `reset()`. */
  readonly calls: BackendCall[];
  /** Replaces handler options (expiry, limits) for later requests. */
  configure(options: Partial<R2UploadHandlerOptions>): void;
  /** Clears the backend log and the proxy's faults and log. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts the stack and installs the `node:http` XMLHttpRequest, so that the
 * core engine runs unchanged in Node. `listParts` is answered by the proxy
 * from the store's records unless `emulateListParts` is false (then the
 * store's own 501 reaches the backend, as with bare Miniflare).
 */
export async function startUploadStack(options: { emulateListParts?: boolean } = {}): Promise<UploadStack> {
  const r2 = await startLocalR2();
  const proxy = await startS3Proxy(r2.endpoint, options.emulateListParts === false ? {} : { store: r2 });
  const uninstall = installNodeXhr();
  let handler = createR2UploadHandler({ ...r2, endpoint: proxy.endpoint });
  const calls: BackendCall[] = [];
  const node = toNodeHandler(async (request) => {
    const action = new URL(request.url).searchParams.get('action') ?? 'put';
    const body = (await request.clone().json().catch(() => ({}))) as Record<string, unknown>;
    const response = await handler(request);
    calls.push({ action, body, status: response.status });
    return response;
  });
  const server: Server = createServer((req, res) => void node(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    r2,
    proxy,
    endpoint: `http://127.0.0.1:${port}/api/upload`,
    calls,
    configure(extra) {
      handler = createR2UploadHandler({ ...r2, endpoint: proxy.endpoint, ...extra });
    },
    reset() {
      calls.length = 0;
      proxy.reset();
    },
    async close() {
      uninstall();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await proxy.close();
      await r2.dispose();
    },
  };
}

/**
 * The stack for one test file: started before its tests, closed after them,
 * and reset (log, faults, default handler options) before each. Read
 * `stack()` inside tests and hooks.
 */
export function useUploadStack(options?: { emulateListParts?: boolean }): () => UploadStack {
  let stack: UploadStack | undefined;
  beforeAll(async () => {
    stack = await startUploadStack(options);
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(() => {
    stack?.reset();
    stack?.configure({});
  });
  return () => {
    if (!stack) throw new Error('the upload stack is not started yet');
    return stack;
  };
}
