import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ObjectListPage } from '../core/protocol/list-protocol.js';
import type { SignedPart, UploadedPart } from '../core/protocol/multipart-protocol.js';
import type { UploadTarget } from '../core/protocol/upload-protocol.js';
import { listStoredObjects } from './list-objects.js';
import type { BucketFailure, FakeBucket, FakeBucketOptions, FakeObjectOptions, PutMatch, StoredObject } from './fake-bucket-api.js';

export type { BucketFailure, FakeBucket, FakeBucketOptions, FakeObjectOptions, PutMatch, StoredObject } from './fake-bucket-api.js';
import { md5Hex } from './md5.js';
import { assembleParts, MultipartError, parseCompleteXml, type PendingMultipartUpload } from './multipart-store.js';
import { encodeKey, fakeUploadTarget, SIGNED_CONTENT_TYPE_PARAM } from './presign.js';
import { randomId } from './random-id.js';
import { s3ErrorXml } from './s3-xml.js';

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

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sameMediaType(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A queued PUT failure: an S3 error, or a dropped connection. */
type QueuedFailure = { match: PutMatch; failure?: BucketFailure };

function matches({ key, partNumber }: PutMatch, putKey: string, putPart: number | undefined): boolean {
  return (key === undefined || key === putKey) && (partNumber === undefined || partNumber === putPart);
}

const lastSegment = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/**
 * Creates an in-memory bucket that accepts presigned PUTs like R2 does: it
 * stores the body, answers with the MD5 ETag, rejects a Content-Type other
 * than the signed one with 403 `SignatureDoesNotMatch`, and answers CORS
 * preflights (jsdom's XHR performs real CORS). Multipart uploads work too:
 * UploadPart PUTs (`?partNumber=&uploadId=`) and CompleteMultipartUpload
 * (`POST ?uploadId=` with the S3 XML, or {@link FakeBucket.completeMultipartUpload}),
 * which stores the object with the ETag `"<md5 of the part MD5s>-<N>"`.
 * Failures, a hidden ETag and a delay apply to parts as to single PUTs.
 *
 * @example
 * const bucket = createFakeBucket();
 * const server = setupServer(...createPresignHandlers({ endpoint: '/api/uploads', bucket }), ...bucket.handlers);
 */
export function createFakeBucket(options: FakeBucketOptions = {}): FakeBucket {
  const url = (options.url ?? 'https://bucket.test').replace(/\/+$/, '');
  const basePath = new URL(url).pathname.replace(/\/+$/, '');
  const objects = new Map<string, StoredObject>();
  const uploads = new Map<string, PendingMultipartUpload>();
  const failures: QueuedFailure[] = [];
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

  const store = (key: string, bytes: Uint8Array, contentType: string, lastModified: Date, etag = `"${md5Hex(bytes)}"`): StoredObject => {
    const object = { bytes, contentType, etag, lastModified };
    // Re-inserted, so that keys() stays in upload order.
    objects.delete(key);
    objects.set(key, object);
    return object;
  };

  const pendingUpload = (key: string, uploadId: string): PendingMultipartUpload => {
    const upload = uploads.get(uploadId);
    if (!upload || upload.key !== key) throw new MultipartError(404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
    return upload;
  };

  const takeFailure = (key: string, partNumber: number | undefined): QueuedFailure | undefined => {
    const index = failures.findIndex((queued) => matches(queued.match, key, partNumber));
    return index === -1 ? undefined : failures.splice(index, 1)[0];
  };

  /** A PUT of a whole object, or of a part when the URL names one. */
  const putObject = async (request: Request): Promise<Response> => {
    const startedIn = generation;
    if (delayMs > 0) await pause(delayMs, request.signal);
    if (request.signal.aborted || startedIn !== generation) return HttpResponse.error();
    const params = new URL(request.url).searchParams;
    const key = keyOf(request.url);
    const uploadId = params.get('uploadId');
    const partNumber = uploadId === null ? undefined : Number(params.get('partNumber'));
    const queued = takeFailure(key, partNumber);
    if (queued) {
      const { failure } = queued;
      return failure ? s3Error(request, failure.status, failure.s3Code, failure.message, failure.retryAfter) : HttpResponse.error();
    }
    let upload: PendingMultipartUpload | undefined;
    if (uploadId !== null) {
      upload = uploads.get(uploadId);
      if (!upload || upload.key !== key) return s3Error(request, 404, 'NoSuchUpload', 'The specified multipart upload does not exist.');
      if (!Number.isSafeInteger(partNumber) || partNumber! < 1 || partNumber! > 10_000) return s3Error(request, 400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000.');
    }
    const contentType = request.headers.get('content-type') ?? '';
    // An UploadPart signs no Content-Type: the object's was set when the upload was created.
    const signed = params.get(SIGNED_CONTENT_TYPE_PARAM);
    if (signed !== null && !sameMediaType(signed, contentType)) return s3Error(request, 403, 'SignatureDoesNotMatch');
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (startedIn !== generation) return HttpResponse.error();
    let etag: string;
    if (upload) {
      etag = `"${md5Hex(bytes)}"`;
      upload.parts.set(partNumber!, { partNumber: partNumber!, bytes, etag });
    } else {
      etag = store(key, bytes, contentType, new Date()).etag;
    }
    // A hidden ETag is left out rather than only unexposed: under msw's Service Worker, Chromium
    // lets the page read an ETag that Access-Control-Expose-Headers does not list (checked).
    const headers = exposeEtag ? { ETag: etag, ...corsHeaders(request, true) } : corsHeaders(request, false);
    return new HttpResponse(null, { status: 200, headers });
  };

  const completeMultipartUpload = (key: string, uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>): StoredObject => {
    const upload = pendingUpload(key, uploadId);
    const { bytes, etag } = assembleParts(upload, parts);
    uploads.delete(uploadId);
    return store(key, bytes, upload.contentType, new Date(), etag);
  };

  /** CompleteMultipartUpload over HTTP (`POST <key>?uploadId=`), answered with S3's XML. */
  const postObject = async (request: Request): Promise<Response> => {
    const uploadId = new URL(request.url).searchParams.get('uploadId');
    if (uploadId === null) return s3Error(request, 501, 'NotImplemented', 'The fake bucket implements POST only for CompleteMultipartUpload.');
    const key = keyOf(request.url);
    try {
      const { etag } = completeMultipartUpload(key, uploadId, parseCompleteXml(await request.text()));
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult><Key>${escapeXmlText(key)}</Key><ETag>${escapeXmlText(etag)}</ETag></CompleteMultipartUploadResult>`;
      return new HttpResponse(xml, { status: 200, headers: { 'Content-Type': 'application/xml', ...corsHeaders(request, exposeEtag) } });
    } catch (error) {
      if (error instanceof MultipartError) return s3Error(request, error.status, error.s3Code, error.message);
      throw error;
    }
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
    http.put(`${url}/*`, ({ request }) => putObject(request)),
    http.post(`${url}/*`, ({ request }) => postObject(request)),
    http.get(`${url}/*`, ({ request }) => {
      const object = objects.get(keyOf(request.url));
      if (!object) return s3Error(request, 404, 'NoSuchKey');
      return new HttpResponse(object.bytes.slice().buffer, {
        headers: { 'Content-Type': object.contentType, ETag: object.etag, ...corsHeaders(request, exposeEtag) },
      });
    }),
  ];

  const objectList = () => [...objects].map(([key, object]) => ({ key, ...object }));

  return {
    url,
    handlers,
    get: (key) => objects.get(key),
    keys: () => [...objects.keys()],
    objects: objectList,
    find: (filename) => objectList().findLast(({ key }) => lastSegment(key) === filename),
    put: (key, body, { contentType = 'application/octet-stream', lastModified = new Date() } = {}) =>
      store(key, typeof body === 'string' ? new TextEncoder().encode(body) : body, contentType, lastModified),
    delete: (key) => objects.delete(key),
    list: (listOptions) => listStoredObjects(objects, listOptions),
    presign: (key, contentType, size) => fakeUploadTarget(url, key, contentType, size),
    failNext: (failure) => void failures.push({ match: failure, failure }),
    dropNext: (match = {}) => void failures.push({ match }),
    createMultipartUpload(key, contentType = 'application/octet-stream') {
      const uploadId = randomId();
      uploads.set(uploadId, { key, uploadId, contentType, parts: new Map() });
      return uploadId;
    },
    presignPart(key, uploadId, partNumber, size) {
      const target = new URL(`${url}/${encodeKey(key)}`);
      target.searchParams.set('partNumber', String(partNumber));
      target.searchParams.set('uploadId', uploadId);
      target.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
      target.searchParams.set('X-Amz-SignedHeaders', size === undefined ? 'host' : 'content-length;host');
      const headers: Record<string, string> = size === undefined ? {} : { 'content-length': String(size) };
      return { partNumber, url: target.toString(), headers };
    },
    listParts: (key, uploadId) =>
      [...pendingUpload(key, uploadId).parts.values()]
        .sort((a, b) => a.partNumber - b.partNumber)
        .map(({ partNumber, etag, bytes }) => ({ partNumber, etag, size: bytes.byteLength })),
    completeMultipartUpload,
    abortMultipartUpload: (key, uploadId) => uploads.get(uploadId)?.key === key && uploads.delete(uploadId),
    multipartUploads: () => [...uploads.values()],
    hideEtag: (hidden = true) => void (exposeEtag = !hidden),
    delay: (ms) => void (delayMs = Math.max(0, ms)),
    reset() {
      generation += 1;
      objects.clear();
      uploads.clear();
      failures.length = 0;
      exposeEtag = true;
      delayMs = 0;
    },
  };
}
