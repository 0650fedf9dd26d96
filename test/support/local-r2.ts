import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';

/** Credentials the local bucket accepts; they only ever guard 127.0.0.1. */
export const LOCAL_R2_CREDENTIALS = {
  accessKeyId: 'r2-uploader-local',
  secretAccessKey: 'r2-uploader-local-secret',
} as const;

/** The bucket name in the S3 path. */
export const LOCAL_R2_BUCKET = 'uploads';

export interface LocalR2Options {
  /** A directory to keep objects in across runs; omitted: a temporary directory, removed on dispose. */
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

/** An incomplete multipart upload, as the store itself records it. */
export interface StoredMultipartUpload {
  key: string;
  uploadId: string;
}

/** A part of an incomplete multipart upload, as the store itself records it. */
export interface StoredPart {
  partNumber: number;
  /** Without quotes, as stored. */
  etag: string;
  size: number;
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
  /**
   * The incomplete multipart uploads, read from the store's own database:
   * Miniflare's S3 endpoint answers ListMultipartUploads and ListParts with
   * 501 NotImplemented (checked, miniflare 4.20260730).
   */
  listMultipartUploads(): Promise<StoredMultipartUpload[]>;
  /** The parts of an incomplete multipart upload (`undefined` when it is not in progress), from the store's database. */
  listParts(key: string, uploadId: string): Promise<StoredPart[] | undefined>;
  dispose(): Promise<void>;
}

const BINDING = 'BUCKET';

/**
 * Starts Miniflare with one R2 bucket exposed over its S3-compatible endpoint
 * on 127.0.0.1 and a free port. Takes about a second; share one per test file.
 */
export async function startLocalR2(options: LocalR2Options = {}): Promise<LocalR2> {
  // Always on disk, so that tests can read the store's database (see listMultipartUploads).
  const temporary = options.persist ? undefined : await mkdtemp(join(tmpdir(), 'r2u-local-r2-'));
  const persist = options.persist ?? temporary!;
  const mf = new Miniflare({
    modules: true,
    script: options.script ?? 'export default { fetch: () => new Response("") }',
    bindings: options.bindings ?? {},
    ...(options.compatibilityDate ? { compatibilityDate: options.compatibilityDate } : {}),
    host: '127.0.0.1',
    port: 0,
    r2Buckets: { [BINDING]: { id: LOCAL_R2_BUCKET, s3Credentials: { ...LOCAL_R2_CREDENTIALS } } },
    r2Persist: persist,
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
    async listMultipartUploads() {
      return queryStore(
        persist,
        (db) => db.prepare('SELECT key, upload_id AS uploadId FROM _mf_multipart_uploads WHERE state = 0 ORDER BY key').all() as unknown as StoredMultipartUpload[],
        [],
      );
    },
    async listParts(key, uploadId) {
      return queryStore(persist, (db) => {
        const upload = db.prepare('SELECT state FROM _mf_multipart_uploads WHERE upload_id = ? AND key = ?').get(uploadId, key) as { state: number } | undefined;
        if (upload?.state !== 0) return undefined;
        return db
          .prepare('SELECT part_number AS partNumber, etag, size FROM _mf_multipart_parts WHERE upload_id = ? ORDER BY part_number')
          .all(uploadId) as unknown as StoredPart[];
      }, undefined);
    },
    async dispose() {
      await mf.dispose();
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a read-only query on the bucket's SQLite database (Miniflare keeps R2
 * metadata in a Durable Object's SQLite file, in WAL mode, so a second
 * read-only connection sees every committed write).
 */
async function queryStore<T>(persist: string, query: (db: import('node:sqlite').DatabaseSync) => T, empty: T): Promise<T> {
  const { DatabaseSync } = await import('node:sqlite');
  const dir = join(persist, 'miniflare-R2BucketObject');
  const files = await readdir(dir).catch(() => [] as string[]);
  const file = files.find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  // The database and its tables appear with the bucket's first multipart upload.
  if (!file) return empty;
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    return query(db);
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) return empty;
    throw error;
  } finally {
    db.close();
  }
}
