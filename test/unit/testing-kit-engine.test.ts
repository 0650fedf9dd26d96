import { createHash } from 'node:crypto';
import { setupServer } from 'msw/node';
import { createUploader } from '../../src/core/create-uploader.ts';
import type { UploaderOptions } from '../../src/core/engine/types.ts';
import { createFakeBucket, createPresignHandlers } from '../../src/testing/index.ts';

/*
 * The real engine (createUploader from the core) against the testing kit:
 * what users get when they test their upload code with it. Multipart,
 * many files and retries all go through the fake backend and bucket.
 */

const endpoint = `${location.origin}/api/uploads`;
const bucket = createFakeBucket();
const server = setupServer();
const MiB = 1024 * 1024;

/** Every PUT the bucket got, as `<filename>#<part number or "single">`. */
const puts: string[] = [];
server.events.on('request:start', ({ request }) => {
  if (request.method !== 'PUT') return;
  const url = new URL(request.url);
  puts.push(`${decodeURIComponent(url.pathname.split('/').pop()!)}#${url.searchParams.get('partNumber') ?? 'single'}`);
});

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => server.use(...createPresignHandlers({ endpoint, bucket }), ...bucket.handlers));
afterEach(() => {
  server.resetHandlers();
  bucket.reset();
  puts.length = 0;
});
afterAll(() => server.close());

const uploader = (options: Partial<UploaderOptions> = {}) =>
  createUploader({ endpoint, resume: false, retry: { baseDelay: 10, maxDelay: 20 }, multipart: { threshold: 6 * MiB, partSize: 5 * MiB }, ...options } as UploaderOptions);

const bytesOf = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, index) => (index * 131 + seed * 7) & 0xff);
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();

/** R2's multipart ETag, computed here with node:crypto, independently of the kit. */
function expectedMultipartEtag(bytes: Uint8Array, partSize: number): string {
  const digests: Buffer[] = [];
  for (let start = 0; start < bytes.byteLength; start += partSize) digests.push(md5(bytes.subarray(start, start + partSize)));
  return `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${digests.length}"`;
}

describe('the core engine against the testing kit', () => {
  it('uploads a large file in parts; its bytes and multipart ETag read back, and verify accepts the ETag', async () => {
    const bytes = bytesOf(11 * MiB + 123, 1);
    const file = new File([bytes], 'film.mp4', { type: 'video/mp4' });
    const engine = uploader({ verify: true });
    const [result] = await engine.upload(file);

    expect(engine.getSnapshot().uploads[0]).toMatchObject({ status: 'done', mode: 'multipart' });
    const stored = bucket.find('film.mp4')!;
    expect(result).toEqual({ key: stored.key, etag: expectedMultipartEtag(bytes, 5 * MiB), size: bytes.byteLength, contentType: 'video/mp4' });
    expect(stored.key).toMatch(/^uploads\/[0-9a-f-]{36}\/film\.mp4$/);
    expect(stored.etag).toBe(result!.etag);
    expect(stored.contentType).toBe('video/mp4');
    expect(Buffer.from(stored.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(puts.sort()).toEqual(['film.mp4#1', 'film.mp4#2', 'film.mp4#3']);
    expect(bucket.multipartUploads()).toEqual([]);
  });

  it('retries a part that fails (S3 500, then a dropped connection) and completes with every byte', async () => {
    bucket.failNext({ status: 500, s3Code: 'InternalError', partNumber: 2 });
    bucket.dropNext({ partNumber: 2 });
    const bytes = bytesOf(10 * MiB + 5, 2);
    const engine = uploader();
    const [result] = await engine.upload(new File([bytes], 'backup.tar', { type: 'application/x-tar' }));

    expect(puts.filter((put) => put === 'backup.tar#2')).toHaveLength(3);
    expect(puts.filter((put) => put === 'backup.tar#1')).toHaveLength(1);
    const stored = bucket.find('backup.tar')!;
    expect(result?.etag).toBe(expectedMultipartEtag(bytes, 5 * MiB));
    expect(Buffer.from(stored.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('fails a multipart upload whose part ETags the bucket hides, and aborts it', async () => {
    bucket.hideEtag();
    const engine = uploader();
    await engine.upload(new File([bytesOf(6 * MiB + 1, 3)], 'hidden.bin'));
    expect(engine.getSnapshot().uploads[0]?.error?.code).toBe('etag_not_exposed');
    await vi.waitFor(() => expect(bucket.multipartUploads()).toEqual([]));
    expect(bucket.find('hidden.bin')).toBeUndefined();
  });

  it('uploads a batch of files, two with the same name from different folders, each under its own key', async () => {
    const files = Array.from({ length: 12 }, (_, index) => new File([`file ${index}`], `f${index}.txt`, { type: 'text/plain' }));
    const twins = ['a', 'b'].map((folder) => {
      const file = new File([`in ${folder}`], 'same.txt', { type: 'text/plain' });
      Object.defineProperty(file, 'webkitRelativePath', { value: `${folder}/same.txt` });
      return file;
    });
    const results = await uploader().upload([...files, ...twins]);

    expect(results).toHaveLength(14);
    expect(new Set(results.map((result) => result.key)).size).toBe(14);
    for (const [index, file] of files.entries()) {
      const stored = bucket.get(results[index]!.key)!;
      expect(new TextDecoder().decode(stored.bytes)).toBe(`file ${index}`);
      expect(results[index]!.etag).toBe(`"${createHash('md5').update(`file ${index}`).digest('hex')}"`);
      expect(stored.contentType).toBe(file.type);
    }
    const same = bucket.objects().filter((object) => object.key.endsWith('/same.txt'));
    expect(same.map((object) => new TextDecoder().decode(object.bytes)).sort()).toEqual(['in a', 'in b']);
  });

  it('shows a refusal of the fake backend on that file only; the rest of the batch uploads', async () => {
    server.use(
      ...createPresignHandlers({
        endpoint,
        bucket,
        reject: ({ filename }) => (filename === 'no.txt' ? { status: 415, code: 'content_type_not_allowed', message: 'Not this one.' } : undefined),
      }),
    );
    const engine = uploader();
    const results = await engine.upload(['yes.txt', 'no.txt', 'also.txt'].map((name) => new File([name], name, { type: 'text/plain' })));
    expect(results.map((result) => result.key.split('/').pop())).toEqual(['yes.txt', 'also.txt']);
    expect(engine.getSnapshot().uploads.find((upload) => upload.name === 'no.txt')?.status).toBe('error');
    expect(bucket.find('no.txt')).toBeUndefined();
  });
});
