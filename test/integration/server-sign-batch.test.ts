import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILES_PER_SIGN_BATCH, type SignBatchAnswer, type SignBatchRefusal, type UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { createR2UploadHandler, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { md5Hex, putTo, randomBody, refusalFrom, s3Code } from '../support/upload-requests.ts';

let r2: LocalR2;

beforeAll(async () => {
  r2 = await startLocalR2();
});

afterAll(async () => {
  await r2?.dispose();
});

type Handler = (request: Request) => Promise<Response>;

function handlerFor(options: Partial<R2UploadHandlerOptions> = {}): Handler {
  const { endpoint, bucket, accessKeyId, secretAccessKey } = r2;
  return createR2UploadHandler({ endpoint, bucket, accessKeyId, secretAccessKey, ...options });
}

function askForBatch(handler: Handler, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return handler(
    new Request('http://app.test/api/upload?action=sign-batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function batchFrom(response: Response): Promise<SignBatchAnswer> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${text}`);
  return JSON.parse(text) as SignBatchAnswer;
}

const isRefusal = (entry: UploadTarget | SignBatchRefusal): entry is SignBatchRefusal => 'error' in entry;

function target(entry: UploadTarget | SignBatchRefusal | undefined): UploadTarget {
  if (!entry || isRefusal(entry)) throw new Error(`expected a target, got ${JSON.stringify(entry)}`);
  return entry;
}

describe('POST ?action=sign-batch against Miniflare R2', () => {
  it('signs every file in order; each URL stores its own bytes under its own key', async () => {
    const bodies = [randomBody(10), randomBody(64 * 1024), randomBody(0), randomBody(777)];
    const names = ['a.png', 'b.bin', 'empty.txt', 'résumé (1).pdf'];
    const types = ['image/png', 'application/octet-stream', 'text/plain', 'application/pdf'];
    const answer = await batchFrom(
      await askForBatch(handlerFor(), { files: bodies.map((bytes, index) => ({ filename: names[index], contentType: types[index], size: bytes.byteLength })) }),
    );

    expect(answer.files).toHaveLength(bodies.length);
    const targets = answer.files.map(target);
    expect(new Set(targets.map((entry) => entry.key)).size).toBe(bodies.length);
    for (const [index, entry] of targets.entries()) {
      expect(entry.method).toBe('PUT');
      expect(entry.key).toMatch(new RegExp(`^uploads/[0-9a-f-]{36}/`));
      expect(entry.key.endsWith(`/${names[index]!.normalize('NFC')}`)).toBe(true);
      expect(entry.headers).toEqual({ 'content-type': types[index], 'if-none-match': '*', 'content-length': String(bodies[index]!.byteLength) });
      expect(new URL(entry.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
    }

    const puts = await Promise.all(targets.map((entry, index) => putTo(entry, bodies[index]!)));
    for (const [index, put] of puts.entries()) {
      expect(put.status, names[index]).toBe(200);
      expect(put.headers.get('etag')).toBe(`"${md5Hex(bodies[index]!)}"`);
      const stored = await r2.getObject(targets[index]!.key);
      expect(stored?.contentType).toBe(types[index]);
      expect(stored && Buffer.from(stored.bytes).equals(Buffer.from(bodies[index]!)), names[index]).toBe(true);
    }
  });

  it('refuses a file in the middle with the status a single request gets, and signs the others', async () => {
    const handler = handlerFor({ allowedContentTypes: ['image/*'], maxFileSize: 1000, validate: ({ filename }) => (filename.startsWith('bad') ? 'No bad files.' : undefined) });
    const answer = await batchFrom(
      await askForBatch(handler, {
        files: [
          { filename: 'first.png', contentType: 'image/png', size: 5 },
          { filename: 'script.html', contentType: 'text/html', size: 5 },
          { filename: 'huge.png', contentType: 'image/png', size: 1001 },
          { filename: 'bad.png', contentType: 'image/png', size: 5 },
          { filename: '', contentType: 'image/png', size: 5 },
          'not an object',
          { filename: 'last.png', contentType: 'image/png', size: 5 },
        ],
      }),
    );
    expect(answer.files).toHaveLength(7);
    expect(answer.files.slice(1, 6)).toEqual([
      { status: 415, error: { code: 'content_type_not_allowed', message: expect.any(String) } },
      { status: 413, error: { code: 'file_too_large', message: expect.any(String) } },
      { status: 422, error: { code: 'validation_failed', message: 'No bad files.' } },
      { status: 400, error: { code: 'invalid_request', message: expect.any(String) } },
      { status: 400, error: { code: 'invalid_request', message: expect.any(String) } },
    ]);
    for (const entry of [answer.files[0], answer.files[6]]) {
      const signed = target(entry);
      const bytes = randomBody(5);
      expect((await putTo(signed, bytes)).status).toBe(200);
      expect((await r2.getObject(signed.key))?.etag).toBe(`"${md5Hex(bytes)}"`);
    }
  });

  it('refuses a file over the single-PUT limit with 413, as a single request would', async () => {
    const answer = await batchFrom(await askForBatch(handlerFor(), { files: [{ filename: 'big.bin', contentType: 'application/octet-stream', size: 5 * 1024 ** 3 }] }));
    expect(answer.files[0]).toMatchObject({ status: 413, error: { code: 'file_too_large' } });
  });

  it('signs each URL for its own Content-Type: the store refuses another one and stores nothing', async () => {
    const answer = await batchFrom(
      await askForBatch(handlerFor(), {
        files: [
          { filename: 'a.png', contentType: 'image/png', size: 4 },
          { filename: 'b.txt', contentType: 'text/plain', size: 4 },
        ],
      }),
    );
    const [png, text] = answer.files.map(target);
    const bytes = new TextEncoder().encode('data');
    for (const [entry, wrongType] of [[png!, 'text/html'], [text!, 'image/png']] as const) {
      const put = await putTo(entry, bytes, wrongType);
      expect(put.status).toBe(403);
      expect(s3Code(await put.text())).toBe('SignatureDoesNotMatch');
      expect(await r2.getObject(entry.key)).toBeNull();
    }
  });

  it('authorizes once for the batch and confines every key to the prefix authorize gave', async () => {
    let calls = 0;
    const handler = handlerFor({ authorize: () => (calls++, { prefix: 'users/42' }) });
    const answer = await batchFrom(
      await askForBatch(handler, { files: [1, 2, 3].map((index) => ({ filename: `${index}.txt`, contentType: 'text/plain', size: 1 })) }),
    );
    expect(calls).toBe(1);
    for (const entry of answer.files.map(target)) expect(entry.key).toMatch(/^users\/42\//);
  });

  it('answers an unauthorized batch with 401 and signs nothing (validate and key never run)', async () => {
    let ran = 0;
    const handler = handlerFor({ authorize: () => false, validate: () => (ran++, undefined), key: () => (ran++, 'x/y.txt') });
    const before = await r2.listKeys();
    const refusal = await refusalFrom(await askForBatch(handler, { files: [{ filename: 'a.txt', contentType: 'text/plain', size: 1 }] }));
    expect(refusal).toEqual({ status: 401, contentType: 'application/json', body: { error: { code: 'unauthorized', message: expect.any(String) } } });
    expect(ran).toBe(0);
    expect(await r2.listKeys()).toEqual(before);
  });

  it('answers 400 for an empty batch, more than 100 files or a malformed body', async () => {
    const file = { filename: 'a.txt', contentType: 'text/plain', size: 1 };
    const handler = handlerFor();
    const cases: Array<[string, unknown]> = [
      ['empty', { files: [] }],
      ['too many', { files: Array.from({ length: MAX_FILES_PER_SIGN_BATCH + 1 }, () => file) }],
      ['no files', { file }],
      ['files not an array', { files: file }],
      ['an array', [file]],
      ['null', null],
    ];
    for (const [name, body] of cases) {
      const refusal = await refusalFrom(await askForBatch(handler, body));
      expect(refusal.status, name).toBe(400);
      expect(refusal.body.error.code, name).toBe('invalid_request');
    }
    const broken = await refusalFrom(await askForBatch(handler, '{"files": ['));
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
  });

  it('signs the most files a batch may carry', async () => {
    const files = Array.from({ length: MAX_FILES_PER_SIGN_BATCH }, (_, index) => ({ filename: `${'長'.repeat(200)}-${index}.txt`, contentType: 'text/plain', size: 1 }));
    const answer = await batchFrom(await askForBatch(handlerFor(), { files }));
    expect(answer.files.map(target)).toHaveLength(MAX_FILES_PER_SIGN_BATCH);
  });

  it('fails the whole batch with 500 when the app’s validate throws (a bug, not a refusal), and logs it', async () => {
    const handler = handlerFor({ validate: () => { throw new Error('db down'); } });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const refusal = await refusalFrom(await askForBatch(handler, { files: [{ filename: 'a.txt', contentType: 'text/plain', size: 1 }] }));
      expect(refusal.status).toBe(500);
      expect(refusal.body.error.code).toBe('internal_error');
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });

  it('names sign-batch among the actions when the action is unknown', async () => {
    const response = await handlerFor()(new Request('http://app.test/api/upload?action=constructor', { method: 'POST', body: '{}' }));
    const refusal = await refusalFrom(response);
    expect(refusal.status).toBe(400);
    expect(refusal.body.error.code).toBe('unknown_action');
    expect(refusal.body.error.message).toContain('sign-batch');
  });
});
