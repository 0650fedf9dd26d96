import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ObjectListPage } from '../core/list-protocol.js';
import type { UploadTarget } from '../core/protocol.js';
import { listStoredObjects, type ListStoredObjectsOptions } from './list-objects.js';
import { md5Hex } from './md5.js';
import { fakeUploadTarget, SIGNED_CONTENT_TYPE_PARAM } from './presign.js';
import { s3ErrorXml } from './s3-xml.js';

/** An object the fake bucket holds. */
export interface StoredObject {
  /** The body as received. */
  bytes: Uint8Array;
  /** The Content-Type the PUT sent. */
  contentType: string;
  /** The ETag the bucket answered with: the MD5 of the body, in double quotes. */
  etag: string;
  /** When it was stored. */
  lastModified: Date;
}

/** Options of {@link FakeBucket.put}. */
export interface FakeObjectOptions {
  /** Default `application/octet-stream`. */
  contentType?: string;
  /** Default now. */
  lastModified?: Date;
}

/** An error the bucket answers the next PUT with. */
export interface BucketFailure {
  /** HTTP status, e.g. 403 or 503. */
  status: number;
  /** The S3 error code in the XML body, e.g. `SignatureDoesNotMatch`, `SlowDown`. */
  s3Code: string;
  /** The S3 error message; defaults to the one S3 sends with `s3Code`. */
  message?: string;
  /** Seconds to ask the client to wait before retrying (a `Retry-After` header, exposed to the page). */
  retryAfter?: number;
}

/** Options for {@link createFakeBucket}. */
export interface FakeBucketOptions {
  /** The bucket's base URL; objects live at `<url>/<key>`. Default `https://bucket.test`. */
  url?: string;
}

/** An in-memory S3-compatible bucket made of msw handlers. */
export interface FakeBucket {
  /** The bucket's base URL, without a trailing slash. */
  readonly url: string;
  /**
   * The msw handlers: the PUT, a GET that serves stored objects (for download
   * URLs), and their CORS preflight. Pass them to `setupServer`, `setupWorker`
   * or `parameters.msw`.
   */
  readonly handlers: HttpHandler[];
  /** The object stored under `key`, if any. */
  get(key: string): StoredObject | undefined;
  /** Every stored key, in upload order. */
  keys(): string[];
  /** Stores an object directly, as if uploaded (to fill a bucket for a list test or story). */
  put(key: string, body: Uint8Array | string, options?: FakeObjectOptions): StoredObject;
  /** Removes an object; true when there was one. */
  delete(key: string): boolean;
  /** One page of the stored objects, as ListObjectsV2 would list them. */
  list(options: ListStoredObjectsOptions): ObjectListPage;
  /** An upload target for `key`, as a backend would sign it (Content-Type, and Content-Length when `size` is given). */
  presign(key: string, contentType: string, size?: number): UploadTarget;
  /** Answers the next PUT with this S3 error instead of storing it. Calls queue up: one failure per PUT. */
  failNext(failure: BucketFailure): void;
  /**
   * Makes later PUTs (or with `false`, stops making them) answer as the browser sees a bucket whose CORS
   * rule lacks `ExposeHeaders: ["ETag"]`: the object is stored, but no ETag can be read.
   */
  hideEtag(hidden?: boolean): void;
  /** Waits `ms` milliseconds before answering every later PUT (0 to stop). */
  delay(ms: number): void;
  /** Forgets objects, queued failures, delay and hidden ETag. */
  reset(): void;
}

function corsHeaders(request: Request, exposeEtag: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': request.headers.get('origin') ?? '*',
    Vary: 'Origin',
  };
  if (exposeEtag) headers['Access-Control-Expose-Headers'] = 'ETag';
  return headers;
}

/** Waits `ms`, or less if the client gives up first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function sameMediaType(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Creates an in-memory bucket that accepts presigned PUTs like R2 does: it
 * stores the body, answers with the MD5 ETag, rejects a Content-Type other
 * than the signed one with 403 `SignatureDoesNotMatch`, and answers CORS
 * preflights (jsdom's XHR performs real CORS).
 *
 * @example
 * const bucket = createFakeBucket();
 * const server = setupServer(...createPresignHandlers({ endpoint: '/api/uploads', bucket }), ...bucket.handlers);
 */
export function createFakeBucket(options: FakeBucketOptions = {}): FakeBucket {
  const url = (options.url ?? 'https://bucket.test').replace(/\/+$/, '');
  const basePath = new URL(url).pathname.replace(/\/+$/, '');
  const objects = new Map<string, StoredObject>();
  const failures: BucketFailure[] = [];
  let exposeEtag = true;
  let delayMs = 0;
  // Bumped by reset(), so that a PUT still waiting from an earlier test stores nothing.
  let generation = 0;

  const keyOf = (requestUrl: string): string =>
    new URL(requestUrl).pathname.slice(basePath.length + 1).split('/').map(decodeURIComponent).join('/');

  const s3Error = (request: Request, status: number, code: string, message?: string, retryAfter?: number) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/xml', ...corsHeaders(request, exposeEtag) };
    if (retryAfter !== undefined) {
      headers['Retry-After'] = String(retryAfter);
      headers['Access-Control-Expose-Headers'] = exposeEtag ? 'ETag, Retry-After' : 'Retry-After';
    }
    return new HttpResponse(s3ErrorXml(code, message), { status, headers });
  };

  const store = (key: string, bytes: Uint8Array, contentType: string, lastModified: Date): StoredObject => {
    const object = { bytes, contentType, etag: `"${md5Hex(bytes)}"`, lastModified };
    // Re-inserted, so that keys() stays in upload order.
    objects.delete(key);
    objects.set(key, object);
    return object;
  };
  const handlers = [
    http.options(`${url}/*`, ({ request }) =>
      new HttpResponse(null, {
        status: 204,
        headers: {
          ...corsHeaders(request, exposeEtag),
          'Access-Control-Allow-Methods': 'PUT, GET, HEAD',
          'Access-Control-Allow-Headers': request.headers.get('access-control-request-headers') ?? 'content-type',
          'Access-Control-Max-Age': '3600',
        },
      }),
    ),
    http.put(`${url}/*`, async ({ request }) => {
      const startedIn = generation;
      if (delayMs > 0) await pause(delayMs, request.signal);
      if (request.signal.aborted || startedIn !== generation) return HttpResponse.error();
      const failure = failures.shift();
      if (failure) return s3Error(request, failure.status, failure.s3Code, failure.message, failure.retryAfter);
      const contentType = request.headers.get('content-type') ?? '';
      const signed = new URL(request.url).searchParams.get(SIGNED_CONTENT_TYPE_PARAM);
      if (signed !== null && !sameMediaType(signed, contentType)) return s3Error(request, 403, 'SignatureDoesNotMatch');
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (startedIn !== generation) return HttpResponse.error();
      const { etag } = store(keyOf(request.url), bytes, contentType, new Date());
      // A hidden ETag is left out rather than only unexposed: under msw's Service Worker, Chromium
      // lets the page read an ETag that Access-Control-Expose-Headers does not list (checked).
      const headers = exposeEtag ? { ETag: etag, ...corsHeaders(request, true) } : corsHeaders(request, false);
      return new HttpResponse(null, { status: 200, headers });
    }),
    http.get(`${url}/*`, ({ request }) => {
      const object = objects.get(keyOf(request.url));
      if (!object) return s3Error(request, 404, 'NoSuchKey');
      return new HttpResponse(object.bytes.slice().buffer, {
        headers: { 'Content-Type': object.contentType, ETag: object.etag, ...corsHeaders(request, exposeEtag) },
      });
    }),
  ];

  return {
    url,
    handlers,
    get: (key) => objects.get(key),
    keys: () => [...objects.keys()],
    put: (key, body, { contentType = 'application/octet-stream', lastModified = new Date() } = {}) =>
      store(key, typeof body === 'string' ? new TextEncoder().encode(body) : body, contentType, lastModified),
    delete: (key) => objects.delete(key),
    list: (listOptions) => listStoredObjects(objects, listOptions),
    presign: (key, contentType, size) => fakeUploadTarget(url, key, contentType, size),
    failNext: (failure) => void failures.push(failure),
    hideEtag: (hidden = true) => void (exposeEtag = !hidden),
    delay: (ms) => void (delayMs = Math.max(0, ms)),
    reset() {
      generation += 1;
      objects.clear();
      failures.length = 0;
      exposeEtag = true;
      delayMs = 0;
    },
  };
}
