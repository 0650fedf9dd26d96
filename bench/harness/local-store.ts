import { Miniflare } from 'miniflare';
import { LOCAL_R2_BUCKET, LOCAL_R2_CREDENTIALS } from '../../test/support/local-r2.ts';

/**
 * The bench's store: the same Miniflare R2 bucket as the tests
 * (test/support/local-r2.ts), in memory, plus what a benchmark needs and a
 * test does not: object sizes under a prefix (to check that the bytes
 * arrived without reading 512 MiB back) and deleting a run's objects.
 */
export interface BenchStore {
  /** The S3 API base without the bucket: `http://127.0.0.1:<port>/cdn-cgi/local/r2/s3`. */
  endpoint: string;
  /** `http://127.0.0.1:<port>`: the origin the browser uploads to. */
  origin: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** How many objects lie under `prefix/` and their total size. */
  summarize(prefix: string): Promise<{ objects: number; bytes: number }>;
  /** Deletes every object under `prefix/`, so rounds do not pile up memory. */
  deletePrefix(prefix: string): Promise<void>;
  dispose(): Promise<void>;
}

const BINDING = 'BUCKET';

export async function startBenchStore(): Promise<BenchStore> {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response("") }',
    host: '127.0.0.1',
    port: 0,
    r2Buckets: { [BINDING]: { id: LOCAL_R2_BUCKET, s3Credentials: { ...LOCAL_R2_CREDENTIALS } } },
  });
  const base = await mf.ready;
  const bucket = await mf.getR2Bucket(BINDING);

  async function* objectsUnder(prefix: string) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix: `${prefix}/`, ...(cursor === undefined ? {} : { cursor }) });
      yield* page.objects;
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
  }

  return {
    endpoint: new URL('cdn-cgi/local/r2/s3', base).href,
    origin: base.origin,
    bucket: LOCAL_R2_BUCKET,
    ...LOCAL_R2_CREDENTIALS,
    async summarize(prefix) {
      let objects = 0;
      let bytes = 0;
      for await (const object of objectsUnder(prefix)) {
        objects += 1;
        bytes += object.size;
      }
      return { objects, bytes };
    },
    async deletePrefix(prefix) {
      const keys: string[] = [];
      for await (const object of objectsUnder(prefix)) keys.push(object.key);
      // R2's delete takes at most 1,000 keys per call.
      for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
    },
    dispose: () => mf.dispose(),
  };
}
