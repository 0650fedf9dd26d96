import { delay as wait, http, HttpResponse, type HttpHandler } from 'msw';
import type { DownloadTarget, ObjectListPage } from '../core/protocol/list-protocol.js';
import type { ProtocolErrorBody } from '../core/protocol/upload-protocol.js';
import type { FakeBucket } from './fake-bucket.js';
import type { BackendRejection } from './presign-handlers.js';
import { encodeKey } from './presign.js';

/** Options for {@link createListHandlers}. */
export interface ListHandlersOptions {
  /** The URL (or path, resolved against the page's origin) the client lists at: the same as for uploads. */
  endpoint: string;
  /** The fake bucket whose objects are listed (`createFakeBucket()`). */
  bucket: FakeBucket;
  /** The scope, as `authorize` would grant it: only keys under `<scope>/` are listed. Default `''`, the whole bucket. */
  scope?: string;
  /** Answers `GET <endpoint>/download?key=` with a URL on the fake bucket (JSON, or a redirect for links). Default `false`, as on the real handler. */
  download?: boolean;
  /** Answers `DELETE <endpoint>?key=` by deleting from the fake bucket. Default `false`, as on the real handler. */
  delete?: boolean;
  /** Milliseconds to wait before answering, or `'infinite'` to never answer (a loading state). */
  delay?: number | 'infinite';
  /** Refuses a request: return a rejection to answer with it, `undefined` to answer normally. */
  reject?: (request: Request) => BackendRejection | undefined;
}

const refuse = ({ status, code, message }: BackendRejection) => HttpResponse.json<ProtocolErrorBody>({ error: { code, message } }, { status });

/**
 * A fake of the handler's list, download and delete routes over a fake
 * bucket, speaking the same protocol as `createR2UploadHandler`, so list UIs
 * can be tested and shown in stories: loading (`delay: 'infinite'`), empty,
 * failing (`reject`), many objects, folders (`delimiter=/`).
 *
 * @example
 * const bucket = createFakeBucket();
 * bucket.put('uploads/cat.png', 'meow', { contentType: 'image/png' });
 * server.use(...createPresignHandlers({ endpoint: '/api/uploads', bucket }),
 *   ...createListHandlers({ endpoint: '/api/uploads', bucket, download: true, delete: true }),
 *   ...bucket.handlers);
 */
export function createListHandlers(options: ListHandlersOptions): HttpHandler[] {
  const { endpoint, bucket } = options;
  const root = options.scope ? `${options.scope.replace(/\/+$/, '')}/` : '';
  const capabilities = { download: options.download === true, delete: options.delete === true };
  /** The refusal to answer with, after the delay, or undefined. */
  const before = async (request: Request): Promise<HttpResponse<ProtocolErrorBody> | undefined> => {
    if (options.delay !== undefined) await wait(options.delay);
    const rejection = options.reject?.(request);
    return rejection ? refuse(rejection) : undefined;
  };
  const scopedKey = (request: Request): string | HttpResponse<ProtocolErrorBody> => {
    const key = new URL(request.url).searchParams.get('key') ?? '';
    if (key === '') return refuse({ status: 400, code: 'invalid_request', message: '"key" is required.' });
    if (!key.startsWith(root)) return refuse({ status: 403, code: 'forbidden', message: `The key "${key}" is outside "${root}".` });
    return key;
  };
  return [
    http.get(`${endpoint}/download`, async ({ request }) => {
      const refusal = await before(request);
      if (refusal) return refusal;
      if (!capabilities.download) return refuse({ status: 404, code: 'not_found', message: 'Downloads are not enabled here.' });
      const key = scopedKey(request);
      if (typeof key !== 'string') return key;
      if (!bucket.get(key)) return refuse({ status: 404, code: 'not_found', message: `There is no file "${key}".` });
      const target: DownloadTarget = { url: `${bucket.url}/${encodeKey(key)}`, key, expiresAt: new Date(Date.now() + 300_000).toISOString() };
      // Like the real handler: JSON for scripts that ask for it, a redirect for links.
      if (!(request.headers.get('accept') ?? '').includes('application/json')) return new HttpResponse(null, { status: 302, headers: { Location: target.url } });
      return HttpResponse.json(target);
    }),
    http.get(endpoint, async ({ request }) => {
      const refusal = await before(request);
      if (refusal) return refusal;
      const params = new URL(request.url).searchParams;
      const prefix = params.get('prefix') || root;
      if (!prefix.startsWith(root)) return refuse({ status: 403, code: 'forbidden', message: `The prefix "${prefix}" is outside "${root}".` });
      const limit = Math.min(1000, Number(params.get('limit') ?? 1000) || 1000);
      const page = bucket.list({ prefix, limit, delimiter: params.get('delimiter') || undefined, cursor: params.get('cursor') || undefined });
      const answer: ObjectListPage = { ...page, capabilities };
      return HttpResponse.json(answer);
    }),
    http.delete(endpoint, async ({ request }) => {
      const refusal = await before(request);
      if (refusal) return refusal;
      if (!capabilities.delete) return refuse({ status: 405, code: 'method_not_allowed', message: 'DELETE is not supported here.' });
      const key = scopedKey(request);
      if (typeof key !== 'string') return key;
      bucket.delete(key);
      return HttpResponse.json({ key });
    }),
  ];
}
