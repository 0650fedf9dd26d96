import { delay as wait, http, HttpResponse, type HttpHandler } from 'msw';
import type { ProtocolErrorBody, UploadUrlRequest } from '../core/protocol.js';
import { fakeUploadTarget } from './presign.js';

/** An error the fake backend answers with, in the protocol's `{ error: { code, message } }` shape. */
export interface BackendRejection {
  /** HTTP status, e.g. 400, 401, 413. */
  status: number;
  /** The backend's machine-readable code. */
  code: string;
  /** The message the user sees. */
  message: string;
}

/** Options for {@link createPresignHandlers}. */
export interface PresignHandlersOptions {
  /** The URL (or path, resolved against the page's origin) the client POSTs to. */
  endpoint: string;
  /** The bucket the upload targets point to: a fake bucket (`createFakeBucket()`) or just its URL. Default `https://bucket.test`. */
  bucket?: { readonly url: string } | string;
  /** Chooses the object key. Default `uploads/<filename>`. */
  key?: (request: UploadUrlRequest) => string;
  /** Refuses a request: return a rejection to answer with it, `undefined` to sign. */
  reject?: (request: UploadUrlRequest) => BackendRejection | undefined;
  /** Milliseconds to wait before answering. */
  delay?: number;
}

function isUploadUrlRequest(value: unknown): value is UploadUrlRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { filename, contentType, size } = value as Record<string, unknown>;
  return typeof filename === 'string' && filename !== '' && typeof contentType === 'string' && contentType !== ''
    && typeof size === 'number' && Number.isInteger(size) && size >= 0;
}

function errorResponse({ status, code, message }: BackendRejection): HttpResponse<ProtocolErrorBody> {
  return HttpResponse.json({ error: { code, message } }, { status });
}

/**
 * A fake signing backend: answers `POST endpoint` with `{ filename, contentType, size }`
 * by an upload target on a fake bucket that signs Content-Type and Content-Length,
 * or with a 400 `{ error }` for a malformed request.
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
  const bucketUrl = typeof options.bucket === 'string' ? options.bucket : (options.bucket?.url ?? 'https://bucket.test');
  const keyFor = options.key ?? ((request: UploadUrlRequest) => `uploads/${request.filename}`);
  return [
    http.post(options.endpoint, async ({ request }) => {
      if (options.delay) await wait(options.delay);
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return errorResponse({ status: 400, code: 'bad_request', message: 'The request body is not JSON.' });
      }
      if (!isUploadUrlRequest(body)) {
        return errorResponse({ status: 400, code: 'bad_request', message: 'Send { filename, contentType, size }.' });
      }
      const rejection = options.reject?.(body);
      if (rejection) return errorResponse(rejection);
      return HttpResponse.json(fakeUploadTarget(bucketUrl, keyFor(body), body.contentType, body.size));
    }),
  ];
}
