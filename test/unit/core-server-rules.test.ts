import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createUploader } from '../../src/core/create-uploader.ts';
import type { R2UploadWarning } from '../../src/core/errors/warnings.ts';
import { createFakeBucket, createPresignHandlers, type FakeCompletedUpload } from '../../src/testing/index.ts';

/*
 * The client's side of `GET ?action=config`, against the testing kit's fake
 * backend: the route's rules are asked once and enforced before signing, and
 * a backend that gives none (or cannot) costs a warning, never an upload.
 */

const endpoint = 'https://app.test/api/uploads';
const bucket = createFakeBucket();
const completed: FakeCompletedUpload[] = [];
const asked: string[] = [];
const server = setupServer();
const routes = { avatar: { accept: 'image/*', maxFileSize: 1000, maxFiles: 3 }, documents: { accept: '.pdf' } };

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() => {
  server.use(...createPresignHandlers({ endpoint, bucket, routes, onUploadComplete: (upload) => void completed.push(upload) }), ...bucket.handlers);
  server.events.on('request:start', ({ request }) => {
    if (request.url.startsWith(endpoint)) asked.push(`${request.method} ${new URL(request.url).search}`);
  });
});
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
  bucket.reset();
  completed.length = 0;
  asked.length = 0;
});
afterAll(() => server.close());

const file = (name: string, size: number, type: string) => new File([new Uint8Array(size)], name, { type });
const outcomes = (uploader: ReturnType<typeof createUploader>) => uploader.getSnapshot().uploads.map((upload) => upload.error?.reason ?? upload.error?.code ?? upload.status);
const configRequests = () => asked.filter((request) => request.includes('action=config'));

describe('the backend’s rules on the client', () => {
  it('are asked once per route, kept in the snapshot, and refuse files before any is signed', async () => {
    const uploader = createUploader({ endpoint, route: 'avatar', retry: false, resume: false });
    expect(await uploader.loadRules()).toEqual({ route: 'avatar', accept: ['image/*'], maxFileSize: 1000, minFileSize: 0, maxFiles: 3 });
    await uploader.upload([file('a.png', 10, 'image/png'), file('cv.pdf', 10, 'application/pdf')]);
    await uploader.upload([file('big.png', 2000, 'image/png')]);
    expect(outcomes(uploader)).toEqual(['done', 'content_type_not_allowed', 'file_too_large']);
    expect(uploader.getSnapshot().rules?.route).toBe('avatar');
    expect(configRequests()).toEqual(['GET ?action=config&route=avatar']);
    // Only the accepted file was signed (and completed, with its route).
    expect(asked.filter((request) => request.startsWith('POST'))).toEqual(['POST ', 'POST ?action=complete']);
    expect(completed.map((upload) => upload.route)).toEqual(['avatar']);
  });

  it('hold maxFiles from the server: the fourth file of an avatar batch is refused', async () => {
    const uploader = createUploader({ endpoint, route: 'avatar', retry: false, resume: false });
    await uploader.upload(['1', '2', '3', '4'].map((name) => file(`${name}.png`, 10, 'image/png')));
    expect(outcomes(uploader)).toEqual(['done', 'done', 'done', 'too_many_files']);
    // Refused on the client (the backend's own refusal would carry its 422).
    expect(uploader.getSnapshot().uploads[3]?.error?.status).toBeUndefined();
  });

  it('without them (404), warn once with rules_unavailable and upload by the client’s own rules', async () => {
    server.use(http.get(endpoint, () => HttpResponse.json({ error: { code: 'not_found', message: 'No such route.' } }, { status: 404 })));
    const warnings: R2UploadWarning[] = [];
    const uploader = createUploader({ endpoint, route: 'documents', retry: false, resume: false, onWarning: (warning) => warnings.push(warning) });
    await uploader.upload([file('a.pdf', 10, 'application/pdf')]);
    await uploader.upload([file('b.pdf', 10, 'application/pdf')]);
    expect(outcomes(uploader)).toEqual(['done', 'done']);
    expect(warnings.map((warning) => warning.code)).toEqual(['rules_unavailable']);
    expect(warnings[0]?.message).toMatch(/No such route/);
    // A backend without the rules is not asked again.
    expect(configRequests()).toHaveLength(1);
    expect(uploader.getSnapshot().rules).toBeUndefined();
  });

  it('after a transient failure or an unreadable answer, go on with the client’s rules and ask again next time', async () => {
    let answers = 0;
    server.use(
      http.get(endpoint, () => {
        answers += 1;
        return answers === 1 ? new HttpResponse('<html>Bad gateway</html>', { status: 502 }) : HttpResponse.json({ route: 'documents', accept: 'not a list' });
      }),
    );
    const warnings: R2UploadWarning[] = [];
    const uploader = createUploader({ endpoint, route: 'documents', retry: false, resume: false, onWarning: (warning) => warnings.push(warning) });
    await uploader.upload([file('a.pdf', 10, 'application/pdf')]);
    await uploader.upload([file('b.pdf', 10, 'application/pdf')]);
    expect(outcomes(uploader)).toEqual(['done', 'done']);
    expect(configRequests()).toHaveLength(2);
    expect(warnings.map((warning) => warning.code)).toEqual(['rules_unavailable']);
  });

  it('are not asked without a route unless serverRules is set, and serverRules: false turns them off', async () => {
    const plain = createUploader({ endpoint, route: 'documents', serverRules: false, retry: false, resume: false });
    expect(await plain.loadRules()).toBeUndefined();
    await plain.upload([file('a.pdf', 10, 'application/pdf')]);
    expect(configRequests()).toEqual([]);
  });
});

describe('the testing kit’s routes', () => {
  const post = (body: unknown, action = '') =>
    fetch(`${endpoint}${action ? `?action=${action}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

  it('refuse a missing or unknown route, and files the route’s rules refuse, as the real handler does', async () => {
    expect(await codeOf(await post({ filename: 'a.png', contentType: 'image/png', size: 1 }))).toEqual([400, 'unknown_route']);
    expect(await codeOf(await post({ route: 'banner', filename: 'a.png', contentType: 'image/png', size: 1 }))).toEqual([400, 'unknown_route']);
    expect(await codeOf(await post({ route: 'avatar', filename: 'a.png', contentType: 'image/png', size: 5000 }))).toEqual([413, 'file_too_large']);
    expect(await codeOf(await post({ route: 'avatar', filename: 'a.pdf', contentType: 'application/pdf', size: 5 }))).toEqual([415, 'content_type_not_allowed']);
  });

  it('bind the route and metadata into the completion token: onUploadComplete gets them, and another route cannot complete it', async () => {
    const uploader = createUploader({ endpoint, route: 'avatar', metadata: { postId: 'p1' }, retry: false, resume: false });
    const [result] = await uploader.upload(file('a.png', 10, 'image/png'));
    expect(completed).toEqual([expect.objectContaining({ key: result?.key, route: 'avatar', metadata: { postId: 'p1' } })]);
    const signed = (await (await post({ route: 'avatar', filename: 'b.png', contentType: 'image/png', size: 1 })).json()) as { completion: string };
    expect(await codeOf(await post({ route: 'documents', token: signed.completion, etag: '"x"' }, 'complete'))).toEqual([400, 'invalid_token']);
  });
});
