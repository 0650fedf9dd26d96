import { Miniflare } from 'miniflare';

/** Credentials the local bucket accepts; they only ever guard 127.0.0.1. */
export const LOCAL_R2_CREDENTIALS = {
  accessKeyId: 'r2-uploader-local',
  secretAccessKey: 'r2-uploader-local-secret',
} as const;

/** The bucket name in the S3 path. */
export const LOCAL_R2_BUCKET = 'uploads';

export interface LocalR2Options {
  /** A directory to keep objects in across runs; omitted: in memory. */
  persist?: string;
  /** An ES module Worker to serve at `url` (default: one that answers empty 200s), to run code in workerd itself. */
  script?: string;
  /** Plain-text bindings for `script` (its `env`). */
  bindings?: Record<string, string>;
  /** The Worker's compatibility date; Miniflare's default is old, with workerd's legacy `URL`. */
  compatibilityDate?: string;
}

/** An object as read back through Miniflare's own R2 binding, not through S3. */
export interface StoredObject {
  bytes: Uint8Array;
  contentType: string | undefined;
  /** Quoted, as S3 sends it in the `ETag` header. */
  etag: string;
}

/** A running local R2 bucket with an S3 endpoint that verifies SigV4. */
export interface LocalR2 {
  /** The Worker's base URL, with a trailing slash: `http://127.0.0.1:<port>/`. */
  url: string;
  /** The S3 API base without the bucket and without a trailing slash: `http://127.0.0.1:<port>/cdn-cgi/local/r2/s3`. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Reads an object independently of the S3 code paths under test; `null` when absent. */
  getObject(key: string): Promise<StoredObject | null>;
  /** Every key in the bucket, sorted. */
  listKeys(): Promise<string[]>;
  dispose(): Promise<void>;
}

const BINDING = 'BUCKET';

/**
 * Starts Miniflare with one R2 bucket exposed over its S3-compatible endpoint
 * on 127.0.0.1 and a free port. Takes about a second; share one per test file.
 */
export async function startLocalR2(options: LocalR2Options = {}): Promise<LocalR2> {
  const mf = new Miniflare({
    modules: true,
    script: options.script ?? 'export default { fetch: () => new Response("") }',
    bindings: options.bindings ?? {},
    ...(options.compatibilityDate ? { compatibilityDate: options.compatibilityDate } : {}),
    host: '127.0.0.1',
    port: 0,
    r2Buckets: { [BINDING]: { id: LOCAL_R2_BUCKET, s3Credentials: { ...LOCAL_R2_CREDENTIALS } } },
    ...(options.persist ? { r2Persist: options.persist } : {}),
  });
  const base = await mf.ready;
  const bucket = await mf.getR2Bucket(BINDING);
  return {
    url: base.href,
    endpoint: new URL('cdn-cgi/local/r2/s3', base).href,
    bucket: LOCAL_R2_BUCKET,
    ...LOCAL_R2_CREDENTIALS,
    async getObject(key) {
      const object = await bucket.get(key);
      if (object === null) return null;
      return {
        bytes: new Uint8Array(await object.arrayBuffer()),
        contentType: object.httpMetadata?.contentType,
        etag: object.httpEtag,
      };
    },
    async listKeys() {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await bucket.list(cursor === undefined ? {} : { cursor });
        keys.push(...page.objects.map((object) => object.key));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor !== undefined);
      return keys.sort();
    },
    dispose: () => mf.dispose(),
  };
}
