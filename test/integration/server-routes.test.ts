import { AwsClient } from 'aws4fetch';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { MultipartUpload } from '../../src/core/protocol/multipart-protocol.ts';
import type { CompleteUploadAnswer, ProtocolErrorBody, SignBatchAnswer, UploadTarget } from '../../src/core/protocol/upload-protocol.ts';
import { createR2UploadHandler, type CompletedUpload, type R2UploadHandlerOptions } from '../../src/server/index.ts';
import { startLocalR2, type LocalR2 } from '../support/local-r2.ts';
import { putTo, randomBody, targetFrom } from '../support/upload-requests.ts';

/*
 * Routes, metadata and no-overwrite signing against Miniflare: each route's
 * rules and code, metadata checked by a Standard Schema and bound into the
 * completion token, `storeMetadata` on the object, and `If-None-Match: *`.
 */

const MiB = 1024 * 1024;
let r2: LocalR2;

beforeAll(async () => {
  r2 = await startLocalR2();
});
afterAll(async () => {
  await r2?.dispose();
});

type Handler = (request: Request) => Promise<Response>;
const handlerFor = (options: Partial<R2UploadHandlerOptions> = {}): Handler => createR2UploadHandler({ ...r2, ...options });

function post(handler: Handler, action: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const query = action ? `?action=${action}` : '';
  return handler(new Request(`http://app.test/api/upload${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }));
}

async function refused(response: Response, status: number, code: string): Promise<string> {
  const body = (await response.json()) as ProtocolErrorBody;
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  return body.error.message;
}

const png = (size = 100) => ({ filename: 'photo.png', contentType: 'image/png', size });
const pdf = (size = 100) => ({ filename: 'doc.pdf', contentType: 'application/pdf', size });

/** The handler of a small app: avatars (images, a post id, the user's id from authorize) and documents (PDFs). */
function appHandler(recorded: CompletedUpload[] = []) {
  return createR2UploadHandler({
    ...r2,
    prefix: 'app',
    authorize: (request) => (request.headers.get('x-user') ? { metadata: { userId: request.headers.get('x-user') } } : false),
    routes: {
      avatar: {
        accept: 'image/*',
        maxFileSize: 1000,
        metadata: z.object({ postId: z.string().min(1), userId: z.string().optional() }),
        onUploadComplete({ metadata, ...upload }) {
          recorded.push({ ...upload, metadata });
          return { postId: metadata.postId };
        },
      },
      documents: { accept: '.pdf', prefix: 'docs' },
    },
  });
}

const as = (user: string) => ({ 'x-user': user });

describe('routes', () => {
  it('apply each route’s own rules, inheriting the handler’s', async () => {
    const handler = appHandler();
    const avatar = await targetFrom(await post(handler, '', { ...png(), route: 'avatar', metadata: { postId: 'p1' } }, as('ada')));
    expect(avatar.key).toMatch(/^app\/[0-9a-f-]{36}\/photo\.png$/);
    const document = await targetFrom(await post(handler, '', { ...pdf(), route: 'documents' }, as('ada')));
    expect(document.key).toMatch(/^docs\//);
    // documents has no onUploadComplete: no completion token.
    expect(document.completion).toBeUndefined();
    await refused(await post(handler, '', { ...pdf(), route: 'avatar', metadata: { postId: 'p1' } }, as('ada')), 415, 'content_type_not_allowed');
    await refused(await post(handler, '', { ...png(2000), route: 'avatar', metadata: { postId: 'p1' } }, as('ada')), 413, 'file_too_large');
    await refused(await post(handler, '', { ...png(), route: 'documents' }, as('ada')), 415, 'content_type_not_allowed');
    // The handler's authorize applies to every route.
    await refused(await post(handler, '', { ...pdf(), route: 'documents' }), 401, 'unauthorized');
  });

  it('refuse an unknown route, a missing one, and a route sent to a handler without routes (400 unknown_route), signing nothing', async () => {
    const handler = appHandler();
    expect(await refused(await post(handler, '', { ...png(), route: 'banner' }, as('ada')), 400, 'unknown_route')).toContain('avatar, documents');
    await refused(await post(handler, '', png(), as('ada')), 400, 'unknown_route');
    await refused(await post(handler, 'sign-batch', { files: [png()] }, as('ada')), 400, 'unknown_route');
    await refused(await post(handler, 'multipart-create', { ...pdf(6 * MiB), partSize: 5 * MiB }, as('ada')), 400, 'unknown_route');
    await refused(await post(handler, 'complete', { token: 'x.y', etag: '"e"' }, as('ada')), 400, 'unknown_route');
    await refused(await post(handlerFor(), '', { ...png(), route: 'avatar' }), 400, 'unknown_route');
  });

  it('tell authorize the route, and a route’s own authorize replaces the handler’s', async () => {
    const authorize = vi.fn(() => true);
    const handler = handlerFor({ authorize, routes: { open: {}, admin: { authorize: (request) => request.headers.get('x-admin') === 'yes' } } });
    await targetFrom(await post(handler, '', { ...png(), route: 'open' }));
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), { action: 'upload', route: 'open' });
    await refused(await post(handler, '', { ...png(), route: 'admin' }), 401, 'unauthorized');
    await targetFrom(await post(handler, '', { ...png(), route: 'admin' }, { 'x-admin': 'yes' }));
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('refuse the files of a sign-batch beyond the route’s maxFiles (422 too_many_files) and sign the rest', async () => {
    const handler = handlerFor({ routes: { pair: { maxFiles: 2 } } });
    const answer = (await (await post(handler, 'sign-batch', { route: 'pair', files: [png(), png(), png()] })).json()) as SignBatchAnswer;
    expect(answer.files.map((entry) => ('error' in entry ? entry.error.code : 'signed'))).toEqual(['signed', 'signed', 'too_many_files']);
    expect(answer.files[2]).toMatchObject({ status: 422 });
  });

  it('are checked when the handler is created: a bad route is a 500 per request, with the reason logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await refused(await post(handlerFor({ routes: { 'no spaces': {} } }), '', png()), 500, 'server_misconfigured');
    await refused(await post(handlerFor({ routes: { bad: { metadata: {} as never } } }), '', { ...png(), route: 'bad' }), 500, 'server_misconfigured');
    expect(log.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringContaining('Route names'), expect.stringContaining('"metadata" must be a Standard Schema')]);
    log.mockRestore();
  });
});

describe('metadata', () => {
  it('is validated by the route’s schema, merged with authorize’s grant (which wins) and handed to onUploadComplete as signed', async () => {
    const recorded: CompletedUpload[] = [];
    const handler = appHandler(recorded);
    const bytes = randomBody(321);
    // The client claims to be someone else: the grant overrides it.
    const target = await targetFrom(await post(handler, '', { ...png(bytes.length), route: 'avatar', metadata: { postId: 'p7', userId: 'mallory' } }, as('ada')));
    const put = await putTo(target, bytes);
    const answer = (await (await post(handler, 'complete', { route: 'avatar', token: target.completion, etag: put.headers.get('etag') }, as('ada'))).json()) as CompleteUploadAnswer;
    expect(answer.serverData).toEqual({ postId: 'p7' });
    expect(recorded).toMatchObject([{ key: target.key, size: 321, route: 'avatar', metadata: { postId: 'p7', userId: 'ada' } }]);
  });

  it('that fails the schema, is not an object, is over 4 KiB, or comes to a route without a validator is refused before anything is signed', async () => {
    const handler = appHandler();
    const before = await r2.listKeys();
    expect(await refused(await post(handler, '', { ...png(), route: 'avatar', metadata: { postId: '' } }, as('ada')), 422, 'invalid_metadata')).toMatch(/postId: /);
    await refused(await post(handler, '', { ...png(), route: 'avatar' }, as('ada')), 422, 'invalid_metadata');
    await refused(await post(handler, '', { ...png(), route: 'avatar', metadata: ['p1'] }, as('ada')), 400, 'invalid_metadata');
    await refused(await post(handler, '', { ...png(), route: 'avatar', metadata: 'p1' }, as('ada')), 400, 'invalid_metadata');
    await refused(await post(handler, '', { ...png(), route: 'avatar', metadata: { postId: 'x'.repeat(4100) } }, as('ada')), 400, 'invalid_metadata');
    await refused(await post(handler, '', { ...pdf(), route: 'documents', metadata: { note: 'hi' } }, as('ada')), 400, 'invalid_metadata');
    const batch = (await (await post(handler, 'sign-batch', { route: 'avatar', files: [{ ...png(), metadata: { postId: 'ok' } }, { ...png(), metadata: { postId: 5 } }] }, as('ada'))).json()) as SignBatchAnswer;
    expect(batch.files.map((entry) => ('error' in entry ? entry.error.code : 'signed'))).toEqual(['signed', 'invalid_metadata']);
    expect(await r2.listKeys()).toEqual(before);
  });

  it('takes any Standard Schema (valibot here) or a plain function, whose throw refuses with its message', async () => {
    const byValibot = handlerFor({ routes: { tagged: { metadata: v.object({ tag: v.picklist(['a', 'b']) }) } } });
    await targetFrom(await post(byValibot, '', { ...png(), route: 'tagged', metadata: { tag: 'a' } }));
    await refused(await post(byValibot, '', { ...png(), route: 'tagged', metadata: { tag: 'c' } }), 422, 'invalid_metadata');
    const byFunction = handlerFor({
      metadata: (value) => {
        if (typeof (value as { n?: unknown } | undefined)?.n !== 'number') throw new Error('n must be a number.');
        return { n: (value as { n: number }).n };
      },
    });
    await targetFrom(await post(byFunction, '', { ...png(), metadata: { n: 1 } }));
    expect(await refused(await post(byFunction, '', { ...png(), metadata: { n: 'one' } }), 422, 'invalid_metadata')).toBe('n must be a number.');
  });

  it('cannot be changed after signing: a tampered token, or a token of another route, is refused and onUploadComplete does not run', async () => {
    const recorded: CompletedUpload[] = [];
    const handler = appHandler(recorded);
    const bytes = randomBody(50);
    const target = await targetFrom(await post(handler, '', { ...png(bytes.length), route: 'avatar', metadata: { postId: 'p1' } }, as('ada')));
    const etag = (await putTo(target, bytes)).headers.get('etag');
    const [payload, signature] = [target.completion!.slice(0, target.completion!.lastIndexOf('.')), target.completion!.slice(target.completion!.lastIndexOf('.') + 1)];
    const tampered = `${encodeURIComponent(decodeURIComponent(payload).replace('"p1"', '"p2"'))}.${signature}`;
    await refused(await post(handler, 'complete', { route: 'avatar', token: tampered, etag }, as('ada')), 400, 'invalid_token');
    const other = createR2UploadHandler({ ...r2, routes: { avatar: { onUploadComplete: () => undefined }, banner: { onUploadComplete: () => undefined } } });
    const banner = await targetFrom(await post(other, '', { ...png(), route: 'banner' }));
    expect(await refused(await post(other, 'complete', { route: 'avatar', token: banner.completion, etag }), 400, 'invalid_token')).toContain('another route');
    expect(recorded).toEqual([]);
  });

  it('binds a multipart upload to its route and carries the metadata to its completion', async () => {
    const recorded: CompletedUpload[] = [];
    const handler = createR2UploadHandler({
      ...r2,
      routes: {
        videos: { metadata: z.object({ title: z.string() }), onUploadComplete: (upload) => void recorded.push(upload) },
        other: {},
      },
    });
    const bytes = randomBody(5 * MiB + 1);
    const created = (await (await post(handler, 'multipart-create', { route: 'videos', filename: 'a.mp4', contentType: 'video/mp4', size: bytes.length, partSize: 5 * MiB, metadata: { title: 'Trip' } })).json()) as MultipartUpload;
    const reference = { key: created.key, uploadId: created.uploadId, token: created.token };
    // The token does not serve another route.
    await refused(await post(handler, 'multipart-sign-parts', { route: 'other', ...reference, partNumbers: [1] }), 400, 'invalid_token');
    const { parts } = (await (await post(handler, 'multipart-sign-parts', { route: 'videos', ...reference, partNumbers: [1, 2] })).json()) as { parts: Array<{ partNumber: number; url: string }> };
    const etags = await Promise.all(parts.map(async (part) => (await fetch(part.url, { method: 'PUT', body: bytes.slice((part.partNumber - 1) * 5 * MiB, part.partNumber * 5 * MiB) })).headers.get('etag')!));
    const done = (await (await post(handler, 'multipart-complete', { route: 'videos', ...reference, parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })) })).json()) as { etag: string };
    expect((await post(handler, 'complete', { route: 'videos', token: created.completion, etag: done.etag })).status).toBe(200);
    expect(recorded).toMatchObject([{ key: created.key, route: 'videos', metadata: { title: 'Trip' } }]);
  });
});

describe('storeMetadata', () => {
  const s3 = () => new AwsClient({ accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, service: 's3', region: 'auto' });
  const objectUrl = (key: string) => `${r2.endpoint}/${r2.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

  it('signs the chosen values as x-amz-meta-* headers of the PUT, so the object carries them (URI-encoded)', async () => {
    const handler = handlerFor({
      authorize: () => ({ metadata: { userId: '42' } }),
      metadata: z.object({ caption: z.string(), secret: z.string() }),
      storeMetadata: ['caption', 'userId'],
    });
    const bytes = randomBody(10);
    const target = await targetFrom(await post(handler, '', { ...png(bytes.length), metadata: { caption: 'Été à Paris', secret: 'no' } }));
    expect(new URL(target.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match;x-amz-meta-caption;x-amz-meta-userid');
    expect((await putTo(target, bytes)).status).toBe(200);
    const head = await s3().fetch(objectUrl(target.key), { method: 'HEAD' });
    expect(decodeURIComponent(head.headers.get('x-amz-meta-caption')!)).toBe('Été à Paris');
    expect(head.headers.get('x-amz-meta-userid')).toBe('42');
    expect(head.headers.get('x-amz-meta-secret')).toBeNull();
    // The headers are signed: leaving one out is refused by the store.
    const { 'x-amz-meta-caption': _caption, ...fewer } = target.headers;
    const other = await targetFrom(await post(handler, '', { ...png(bytes.length), metadata: { caption: 'x', secret: 'no' } }));
    expect((await putTo({ ...other, headers: { ...fewer, 'content-type': 'image/png' } }, bytes)).status).toBe(403);
  });

  it('stores them on a multipart object too', async () => {
    const handler = handlerFor({ metadata: z.object({ title: z.string() }), storeMetadata: true });
    const bytes = randomBody(5 * MiB);
    const created = (await (await post(handler, 'multipart-create', { filename: 'a.mp4', contentType: 'video/mp4', size: bytes.length, partSize: 5 * MiB, metadata: { title: 'Trip' } })).json()) as MultipartUpload;
    const reference = { key: created.key, uploadId: created.uploadId, token: created.token };
    const { parts } = (await (await post(handler, 'multipart-sign-parts', { ...reference, partNumbers: [1] })).json()) as { parts: Array<{ url: string }> };
    const etag = (await fetch(parts[0]!.url, { method: 'PUT', body: new Uint8Array(bytes) })).headers.get('etag')!;
    expect((await post(handler, 'multipart-complete', { ...reference, parts: [{ partNumber: 1, etag }] })).status).toBe(200);
    expect((await s3().fetch(objectUrl(created.key), { method: 'HEAD' })).headers.get('x-amz-meta-title')).toBe('Trip');
  });
});

describe('no overwrites', () => {
  const fixedKey = (name: string) => () => `fixed/${name}.png`;

  it('a presigned URL cannot replace an existing object: the store answers 412 and keeps the first bytes', async () => {
    const handler = handlerFor({ key: fixedKey('first') });
    const first = randomBody(20);
    const second = randomBody(30);
    expect((await putTo(await targetFrom(await post(handler, '', png(first.length))), first)).status).toBe(200);
    const again = await putTo(await targetFrom(await post(handler, '', png(second.length))), second);
    expect(again.status).toBe(412);
    expect(await again.text()).toContain('PreconditionFailed');
    expect((await r2.getObject('fixed/first.png'))?.bytes).toEqual(first);
  });

  it('overwrite: true lets a route replace its objects', async () => {
    const handler = handlerFor({ routes: { avatar: { key: fixedKey('avatar'), overwrite: true } } });
    const first = randomBody(20);
    const second = randomBody(30);
    const target = await targetFrom(await post(handler, '', { ...png(first.length), route: 'avatar' }));
    expect(target.headers['if-none-match']).toBeUndefined();
    expect((await putTo(target, first)).status).toBe(200);
    expect((await putTo(await targetFrom(await post(handler, '', { ...png(second.length), route: 'avatar' })), second)).status).toBe(200);
    expect((await r2.getObject('fixed/avatar.png'))?.bytes).toEqual(second);
  });
});

describe('target shape', () => {
  it('lists every signed header the client must send', async () => {
    const target: UploadTarget = await targetFrom(await post(handlerFor(), '', png(5)));
    expect(target.headers).toEqual({ 'content-type': 'image/png', 'if-none-match': '*', 'content-length': '5' });
  });
});
