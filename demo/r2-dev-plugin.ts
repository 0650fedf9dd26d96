import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { createR2UploadHandler, toNodeHandler, type R2UploadHandlerOptions } from '../src/server/index.ts';
import { LOCAL_R2_BUCKET, LOCAL_R2_CREDENTIALS, startLocalR2 } from '../test/support/local-r2.ts';
import { startS3Proxy } from '../test/support/s3-proxy.ts';
import { DEV_PROXY_PATH, devProxyRoutes } from './dev-proxy-routes.ts';
import { createRecordsHandler } from './records-handler.ts';
import { openUploadRecords, type UploadRecords } from './upload-records.ts';

/**
 * The local bucket as tests see it. The endpoint's port is chosen at start-up,
 * so tests read the whole description (endpoint included) from `infoPath`,
 * which answers only in local mode: real credentials are never served.
 */
export const LOCAL_R2_DEV = {
  infoPath: '/__r2-dev/bucket',
  /** The `photos` route's backend, which records completed uploads in SQLite. */
  recordsRoute: '/api/records',
  /** Answers the recorded uploads (the page's table). */
  recordsPath: '/__r2-dev/records',
  /** Answers the bucket's incomplete multipart uploads, read from the store itself (local mode only). */
  multipartUploadsPath: '/__r2-dev/multipart-uploads',
  bucket: LOCAL_R2_BUCKET,
  ...LOCAL_R2_CREDENTIALS,
} as const;

/** What `LOCAL_R2_DEV.infoPath` answers. */
export interface LocalBucketInfo {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface R2DevPluginOptions {
  /** Where the handler is mounted. Default `/api/upload`. */
  route?: string;
  /** Handler options other than the bucket and its credentials (types, sizes, expiry, authorize, key). `list`, `download` and `delete` default to on. */
  handler?: Omit<R2UploadHandlerOptions, 'endpoint' | 'bucket' | 'accessKeyId' | 'secretAccessKey'>;
  /** The directory the local bucket persists to, relative to the working directory. Default `.r2-data`; '' keeps it in memory. `R2_DEV_PERSIST` overrides it. */
  persist?: string;
  /** Read instead of `process.env` (tests). */
  env?: Readonly<Record<string, string | undefined>>;
}

const REAL_BUCKET_VARIABLES = ['R2_ACCOUNT_ID', 'R2_ACCESS_KEY_ID', 'R2_SECRET_ACCESS_KEY', 'R2_BUCKET'] as const;

/** Which bucket the dev server signs for. */
export type DevBucket =
  | { kind: 'real'; accountId: string; bucket: string; accessKeyId: string; secretAccessKey: string }
  | { kind: 'local'; persist: string | undefined; missing: string[]; proxy: boolean };

/**
 * A real R2 bucket when all four R2_* variables are set, else the local one.
 * `missing` names the variables a half-done real setup lacks, for the warning.
 */
export function devBucketFromEnv(env: Readonly<Record<string, string | undefined>>, persistOption = '.r2-data'): DevBucket {
  const [accountId, accessKeyId, secretAccessKey, bucket] = REAL_BUCKET_VARIABLES.map((name) => env[name] ?? '');
  if (accountId && accessKeyId && secretAccessKey && bucket) {
    return { kind: 'real', accountId, bucket, accessKeyId, secretAccessKey };
  }
  const set = REAL_BUCKET_VARIABLES.filter((name) => env[name]);
  const missing = set.length > 0 ? REAL_BUCKET_VARIABLES.filter((name) => !env[name]) : [];
  const persist = env.R2_DEV_PERSIST ?? persistOption;
  return { kind: 'local', persist: persist === '' ? undefined : resolve(persist), missing, proxy: env.R2_DEV_PROXY === '1' };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

/** The demo's database: beside the local bucket's files when they persist, else in memory. */
function openDemoRecords(target: DevBucket): UploadRecords {
  const persist = target.kind === 'local' ? target.persist : resolve('.r2-data');
  return openUploadRecords(persist === undefined ? undefined : resolve(persist, 'uploads.sqlite'));
}

/** Runs `dispose` once, however many close hooks call it. */
function once(dispose: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= dispose());
}

/**
 * The demo's backend: mounts `createR2UploadHandler` at `/api/upload` on the
 * Vite dev server, signing for a Miniflare R2 bucket (persisted in
 * `.r2-data/`) or, when `R2_ACCOUNT_ID`, `R2_ACCESS_KEY_ID`,
 * `R2_SECRET_ACCESS_KEY` and `R2_BUCKET` are all set, for that real bucket.
 */
export function r2DevPlugin(options: R2DevPluginOptions = {}): Plugin {
  const route = options.route ?? '/api/upload';
  let stop: (() => Promise<void>) | undefined;
  return {
    name: 'r2-uploader:dev-bucket',
    apply: 'serve',
    async configureServer(server: ViteDevServer) {
      const logger = server.config.logger;
      const target = devBucketFromEnv(options.env ?? process.env, options.persist);
      let bucketOptions: Pick<R2UploadHandlerOptions, 'endpoint' | 'bucket' | 'accessKeyId' | 'secretAccessKey'>;
      let info: LocalBucketInfo | undefined;
      let listMultipartUploads: (() => Promise<unknown>) | undefined;

      if (target.kind === 'real') {
        const endpoint = `https://${target.accountId}.r2.cloudflarestorage.com`;
        bucketOptions = { endpoint, bucket: target.bucket, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey };
        logger.info(`r2-uploader: ${route} signs uploads for the R2 bucket "${target.bucket}" at ${endpoint}`);
      } else {
        if (target.missing.length > 0) {
          logger.warn(`r2-uploader: using the local bucket because ${target.missing.join(', ')} ${target.missing.length === 1 ? 'is' : 'are'} not set.`);
        }
        const r2 = await startLocalR2(target.persist === undefined ? {} : { persist: target.persist });
        // Tests read objects straight from the store, past the proxy.
        info = { endpoint: r2.endpoint, bucket: r2.bucket, accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey };
        listMultipartUploads = () => r2.listMultipartUploads();
        if (target.proxy) {
          // R2_DEV_PROXY=1: uploads go through a proxy that tests steer (CORS rules, faults, request log).
          // The proxy also answers ListParts (which Miniflare lacks) from the store's records, for resuming.
          const proxy = await startS3Proxy(r2.endpoint, { store: r2 });
          server.middlewares.use(DEV_PROXY_PATH, devProxyRoutes(proxy));
          bucketOptions = { ...info, endpoint: proxy.endpoint };
          stop = once(async () => {
            await proxy.close();
            await r2.dispose();
          });
          logger.info(`r2-uploader: uploads go through the test proxy at ${proxy.endpoint}`);
        } else {
          bucketOptions = info;
          stop = once(() => r2.dispose());
        }
        const where = target.persist === undefined ? 'in memory' : `persisted in ${target.persist}`;
        logger.info(`r2-uploader: ${route} signs uploads for the local Miniflare bucket "${r2.bucket}" (${where}), S3 endpoint ${r2.endpoint}`);
        server.httpServer?.once('close', () => void stop?.());
      }

      server.middlewares.use(LOCAL_R2_DEV.multipartUploadsPath, (_req: IncomingMessage, res: ServerResponse) => {
        if (!listMultipartUploads) return sendJson(res, 404, { error: { code: 'not_local', message: 'Only the local bucket is described.' } });
        listMultipartUploads().then(
          (uploads) => sendJson(res, 200, uploads),
          (error: unknown) => sendJson(res, 500, { error: { code: 'store_unreadable', message: String(error) } }),
        );
      });
      server.middlewares.use(LOCAL_R2_DEV.infoPath, (_req: IncomingMessage, res: ServerResponse) => {
        if (info) sendJson(res, 200, info);
        else sendJson(res, 404, { error: { code: 'not_local', message: 'The dev server signs for a real R2 bucket; its credentials are not served.' } });
      });
      // The demo lists, downloads and deletes too; apps turn each on themselves.
      const routes = { list: true, download: true, delete: true };
      server.middlewares.use(route, toNodeHandler(createR2UploadHandler({ ...routes, ...options.handler, ...bucketOptions })));
      const records = openDemoRecords(target);
      const closeRecords = once(async () => records.close());
      server.httpServer?.once('close', () => void closeRecords());
      server.middlewares.use(LOCAL_R2_DEV.recordsPath, (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, records.list()));
      server.middlewares.use(LOCAL_R2_DEV.recordsRoute, toNodeHandler(createRecordsHandler(bucketOptions, records)));
    },
    // Vite runs this when the dev server closes, also in middleware mode where there is no httpServer.
    async closeBundle() {
      await stop?.();
    },
  };
}
