import { delay as wait, http, HttpResponse, type HttpHandler } from 'msw';
import type { PartPlan } from '../core/policy/part-plan.js';
import { COMPLETE_ACTION, MAX_FILES_PER_SIGN_BATCH, SIGN_BATCH_ACTION, type SignBatchAnswer, type UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import type { FakeBucket } from './fake-bucket.js';
import { fakeCompleteRoute, fakeCompletionToken, type FakeUploadComplete } from './fake-completion.js';
import { fakeMultipartRoutes } from './fake-multipart-routes.js';
import { badRequest, errorResponse, isUploadUrlRequest, readJson, type BackendRejection } from './fake-protocol.js';
import { fakeConfigAnswer, fakeRuleRefusal, routeOfBody, type FakeRouteRules } from './fake-routes.js';
import { CONFIG_ACTION } from '../core/protocol/rules-protocol.js';
import { fakeUploadTarget } from './presign.js';
import { randomId } from './random-id.js';

export type { BackendRejection } from './fake-protocol.js';
export type { FakeRouteRules } from './fake-routes.js';

/** Which request of the protocol a `reject` call is about. */
export type FakeBackendAction = 'presign' | 'sign-batch' | 'multipart-create';

/** Options for {@link createPresignHandlers}. */
export interface PresignHandlersOptions {
  /** The URL (or path, resolved against the page's origin) the client POSTs to. */
  endpoint: string;
  /**
   * The bucket the upload targets point to: a fake bucket (`createFakeBucket()`) or just its URL.
   * Default `https://bucket.test`. Multipart needs a fake bucket, which holds the parts.
   */
  bucket?: FakeBucket | { readonly url: string } | string;
  /** Chooses the object key. Default `uploads/<random id>/<filename>`, like `createR2UploadHandler`, so equal names never collide. */
  key?: (request: UploadUrlRequest) => string;
  /**
   * Refuses a file: return a rejection to answer with it, `undefined` to sign.
   * Asked for every single presign, every file of a `sign-batch` (which then
   * gets a per-file refusal) and every `multipart-create`.
   */
  reject?: (request: UploadUrlRequest, context: { action: FakeBackendAction; route?: string }) => BackendRejection | undefined;
  /** Milliseconds to wait before answering any request. */
  delay?: number;
  /** Answers `?action=sign-batch` (default). `false` answers 400 `unknown_action`, as a backend without batch signing does. */
  batch?: boolean;
  /** Answers the `?action=multipart-…` operations (default, with a fake bucket). `false` answers 400 `unknown_action`. */
  multipart?: boolean;
  /**
   * Verified completion, as `createR2UploadHandler`'s `onUploadComplete`: every signed upload carries a
   * `completion` token and `?action=complete` runs this (after checking the fake bucket holds the object with
   * the reported ETag). Its result is the client's `serverData`; a throw answers 422 `complete_failed` with its message.
   */
  onUploadComplete?: FakeUploadComplete;
  /**
   * Named routes, as `createR2UploadHandler`'s `routes`: every POST must name one (400 `unknown_route`
   * otherwise), files their rules refuse get the real handler's refusal (413, 415, 422), `GET ?action=config`
   * answers them, and `reject` and `onUploadComplete` are told the route and the metadata. Without routes a
   * POST that names one is refused, and `GET ?action=config` answers rules that accept any file.
   */
  routes?: Readonly<Record<string, FakeRouteRules>>;
}

/** The route a request was signed for, and the metadata it carries. */
interface Signing {
  route?: string;
  rules: FakeRouteRules;
  metadata?: UploadUrlRequest['metadata'];
}

function isFakeBucket(bucket: PresignHandlersOptions['bucket']): bucket is FakeBucket {
  return typeof bucket === 'object' && 'createMultipartUpload' in bucket;
}

/**
 * A fake signing backend that speaks the whole upload protocol of
 * `createR2UploadHandler`: `POST endpoint` with `{ filename, contentType, size }`
 * answers an upload target on the fake bucket that signs Content-Type and
 * Content-Length; `?action=sign-batch` signs up to 100 files at once, with a
 * per-file refusal for each file `reject` refuses; `?action=multipart-create`,
 * `-sign-parts`, `-list-parts`, `-complete` and `-abort` run multipart uploads
 * against the fake bucket; with `onUploadComplete`, `?action=complete` too.
 * Malformed requests get 400 `{ error }`. Add
 * `createListHandlers` for the list, download and delete routes.
 *
 * @example
 * const bucket = createFakeBucket();
 * server.use(...createPresignHandlers({
 *   endpoint: '/api/uploads',
 *   bucket,
 *   reject: (req) => (req.size > 1_000_000 ? { status: 413, code: 'too_large', message: 'Files must be under 1 MB.' } : undefined),
 * }), ...bucket.handlers);
 */
export function createPresignHandlers(options: PresignHandlersOptions): HttpHandler[] {
  const { bucket } = options;
  const bucketUrl = typeof bucket === 'string' ? bucket : (bucket?.url ?? 'https://bucket.test');
  const keyFor = options.key ?? ((request: UploadUrlRequest) => `uploads/${randomId()}/${request.filename}`);
  const reject = (request: UploadUrlRequest, action: FakeBackendAction, signing: Signing) => {
    const { filename, contentType, size, metadata } = request;
    const asked = { filename, contentType, size, ...(metadata === undefined ? {} : { metadata }) };
    return fakeRuleRefusal(signing.rules, request) ?? options.reject?.(asked, { action, ...(signing.route === undefined ? {} : { route: signing.route }) });
  };
  /** The completion token of an upload, binding its route and metadata as the real handler does. */
  const completionFor = (signing: Signing) =>
    options.onUploadComplete
      ? (upload: { key: string; size: number; contentType: string }) => fakeCompletionToken({ ...upload, route: signing.route, metadata: signing.metadata })
      : undefined;
  const target = (request: UploadUrlRequest, signing: Signing) => {
    const signed = fakeUploadTarget(bucketUrl, keyFor(request), request.contentType, request.size);
    const completion = completionFor({ ...signing, metadata: request.metadata })?.({ key: signed.key, size: request.size, contentType: request.contentType });
    return completion === undefined ? signed : { ...signed, completion };
  };
  const plans = new Map<string, PartPlan>();

  const signOne = (body: unknown, signing: Signing): Response => {
    if (!isUploadUrlRequest(body)) return badRequest('Send { filename, contentType, size }.');
    const rejection = reject(body, 'presign', signing);
    return rejection ? errorResponse(rejection) : HttpResponse.json(target(body, signing));
  };

  const signBatch = (body: unknown, signing: Signing): Response => {
    const files = typeof body === 'object' && body !== null ? (body as { files?: unknown }).files : undefined;
    if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES_PER_SIGN_BATCH) {
      return badRequest(`Send { files: [...] } with 1 to ${MAX_FILES_PER_SIGN_BATCH} files.`);
    }
    const answer: SignBatchAnswer = {
      files: files.map((file: unknown, index) => {
        if (!isUploadUrlRequest(file)) return { status: 400, error: { code: 'bad_request', message: 'Send { filename, contentType, size }.' } };
        const { maxFiles } = signing.rules;
        if (maxFiles !== undefined && index >= maxFiles) return { status: 422, error: { code: 'too_many_files', message: `At most ${maxFiles} files may be uploaded at once.` } };
        const rejection = reject(file, 'sign-batch', signing);
        return rejection ? { status: rejection.status, error: { code: rejection.code, message: rejection.message } } : target(file, signing);
      }),
    };
    return HttpResponse.json(answer);
  };

  const { onUploadComplete } = options;
  const routeFor = (action: string): ((body: unknown, signing: Signing) => Response | Promise<Response>) | undefined => {
    if (action === SIGN_BATCH_ACTION) return options.batch === false ? undefined : signBatch;
    if (action === COMPLETE_ACTION) return onUploadComplete ? (body, signing) => fakeCompleteRoute(body, onUploadComplete, isFakeBucket(bucket) ? bucket : undefined, signing.route) : undefined;
    const route = Object.hasOwn(fakeMultipartRoutes, action) ? fakeMultipartRoutes[action] : undefined;
    if (!route || options.multipart === false) return undefined;
    if (!isFakeBucket(bucket)) {
      return () => errorResponse({ status: 501, code: 'not_implemented', message: 'Pass a fake bucket (createFakeBucket()) to createPresignHandlers for multipart uploads.' });
    }
    return (body, signing) => {
      const complete = completionFor({ ...signing, metadata: isUploadUrlRequest(body) ? body.metadata : undefined });
      return route(body, { bucket, keyFor, reject: (request) => reject(request, 'multipart-create', signing), ...(complete ? { completionFor: complete } : {}) }, plans);
    };
  };

  return [
    http.post(options.endpoint, async ({ request }) => {
      if (options.delay) await wait(options.delay);
      const action = new URL(request.url).searchParams.get('action') ?? '';
      const route = action === '' ? signOne : routeFor(action);
      if (!route) return errorResponse({ status: 400, code: 'unknown_action', message: `Unknown action "${action.slice(0, 50)}".` });
      const body = await readJson(request);
      if (body === undefined) return badRequest('The request body is not JSON.');
      const named = routeOfBody(options.routes, body);
      return 'status' in named ? errorResponse(named) : route(body, { rules: named.rules, ...(named.name === undefined ? {} : { route: named.name }) });
    }),
    http.get(options.endpoint, async ({ request }) => {
      const url = new URL(request.url);
      // Other GETs (a listing) are createListHandlers' to answer.
      if (url.searchParams.get('action') !== CONFIG_ACTION) return undefined;
      if (options.delay) await wait(options.delay);
      return fakeConfigAnswer(options.routes, url);
    }),
  ];
}
