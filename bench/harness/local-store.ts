import { AwsClient } from 'aws4fetch';
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
  /** Every object under `prefix/`, with its size. */
  list(prefix: string): Promise<Array<{ key: string; size: number }>>;
  /** The first `length` bytes of an object (a ranged GET), to check what kind of file it is. */
  readStart(key: string, length: number): Promise<Uint8Array>;
  /** Deletes every object under `prefix/`, so rounds do not pile up memory. */
  deletePrefix(prefix: string): Promise<void>;
  dispose(): Promise<void>;
}

const BINDING = 'BUCKET';

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (entity[0] !== '#') return named[entity.toLowerCase()] ?? '';
    return String.fromCodePoint(entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });

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

  const endpoint = new URL('cdn-cgi/local/r2/s3', base).href;
  const s3 = new AwsClient({ ...LOCAL_R2_CREDENTIALS, service: 's3', region: 'auto' });

  /**
   * Lists through the S3 API (ListObjectsV2): some 40 ms for 1,000 objects,
   * where the binding's `list()` took about 5 s, twice per run of s4.
   */
  async function* objectsUnder(prefix: string): AsyncGenerator<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ 'list-type': '2', prefix: `${prefix}/`, 'max-keys': '1000', ...(token === undefined ? {} : { 'continuation-token': token }) });
      const response = await s3.fetch(`${endpoint}/${LOCAL_R2_BUCKET}?${query}`);
      const xml = await response.text();
      if (!response.ok) throw new Error(`ListObjectsV2 ${prefix}: ${response.status} ${xml.slice(0, 200)}`);
      for (const [, contents] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = /<Key>([^<]*)<\/Key>/.exec(contents ?? '')?.[1];
        const size = /<Size>(\d+)<\/Size>/.exec(contents ?? '')?.[1];
        if (key === undefined || size === undefined) throw new Error(`ListObjectsV2 ${prefix}: an entry without Key or Size`);
        yield { key: unescapeXml(key), size: Number(size) };
      }
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] : undefined;
    } while (token !== undefined);
  }

  return {
    endpoint,
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
    async list(prefix) {
      const objects: Array<{ key: string; size: number }> = [];
      for await (const object of objectsUnder(prefix)) objects.push(object);
      return objects;
    },
    async readStart(key, length) {
      const path = key.split('/').map(encodeURIComponent).join('/');
      const response = await s3.fetch(`${endpoint}/${LOCAL_R2_BUCKET}/${path}`, { headers: { range: `bytes=0-${length - 1}` } });
      if (!response.ok) throw new Error(`GET ${key}: ${response.status} ${(await response.text()).slice(0, 200)}`);
      return new Uint8Array(await response.arrayBuffer());
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
