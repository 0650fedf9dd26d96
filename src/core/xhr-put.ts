import { canceledError } from './abortable-sleep.js';
import { R2UploadError } from './errors.js';
import { loadPutFailure } from './lazy-kits.js';

/** One PUT of a body to a presigned URL. */
export interface PutRequest {
  url: string;
  method: 'PUT';
  /** The signed headers; ones the browser sets itself are skipped. */
  headers: Record<string, string>;
  /** Sent as it is: a File or Blob is streamed by the browser, never read into memory. */
  body: Blob;
  signal?: AbortSignal;
  /** Bytes of the body sent so far. */
  onProgress?: (loaded: number) => void;
  /** Ms without progress (or, once the body is sent, without an answer) before the PUT fails as stalled; 0 for never. */
  stallTimeout?: number;
}

/** Headers a page may not set (the Fetch standard's forbidden names that signing can involve). */
const BROWSER_OWNED = new Set(['content-length', 'host', 'connection', 'expect', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'date']);

/** The headers the page itself must set: the signed ones minus those the browser owns. */
export function headersToSend(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers).filter(([name]) => !BROWSER_OWNED.has(name.toLowerCase()));
}

function signedLength(headers: Record<string, string>): number | undefined {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-length');
  return entry === undefined ? undefined : Number(entry[1]);
}

/**
 * The error of a PUT the store refused, read from its XML body. That reading
 * loads only when a PUT is refused; if it cannot load, the status alone says
 * what happened, and it is retried by the same rules.
 */
function storeError(xhr: XMLHttpRequest): Promise<R2UploadError> {
  const { status } = xhr;
  const retryAfter = xhr.getResponseHeader('retry-after');
  const body = typeof xhr.responseText === 'string' ? xhr.responseText : '';
  return loadPutFailure().then(
    (kit) => kit.storeRefusal(status, body, retryAfter),
    () => new R2UploadError('store_error', `The store refused the upload (${status}).`, { status }),
  );
}

/**
 * Adds the fix to a failed PUT's error. The hints' words load only when a PUT
 * fails, so uploads that succeed never pay for them.
 */
function withHint(error: R2UploadError, request: PutRequest): Promise<R2UploadError> {
  const hinted = (kit: typeof import('./put-failure.js')) => {
    (error as { hint?: string }).hint = kit.putErrorHint(error, request.url, request.headers['content-type']);
    return error;
  };
  return loadPutFailure().then(hinted, () => error);
}

/**
 * PUTs a body with XMLHttpRequest, the only browser API with upload progress,
 * and resolves with the store's ETag.
 */
export function putWithXhr(request: PutRequest): Promise<{ etag: string }> {
  return new Promise((resolve, reject) => {
    const expected = signedLength(request.headers);
    if (expected !== undefined && expected !== request.body.size) {
      return void withHint(new R2UploadError('invalid_backend_response', `The backend signed ${expected} bytes, but the file has ${request.body.size}.`), request).then(reject);
    }
    if (request.signal?.aborted) {
      reject(canceledError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    xhr.open(request.method, request.url);
    for (const [name, value] of headersToSend(request.headers)) xhr.setRequestHeader(name, value);
    // A connection that stops moving never errors by itself: after stallTimeout without progress, give up on it.
    let stalled = false;
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(stallTimer);
      if (request.stallTimeout) {
        stallTimer = setTimeout(() => {
          stalled = true;
          xhr.abort();
        }, request.stallTimeout);
      }
    };
    const settle = () => {
      clearTimeout(stallTimer);
      request.signal?.removeEventListener('abort', abort);
    };
    xhr.upload.onprogress = (event) => {
      watch();
      request.onProgress?.(event.loaded);
    };
    xhr.onload = () => {
      settle();
      if (xhr.status < 200 || xhr.status >= 300) return void storeError(xhr).then((error) => withHint(error, request)).then(reject);
      const etag = xhr.getResponseHeader('etag');
      if (!etag) {
        const hidden = new R2UploadError('etag_not_exposed', "The upload succeeded, but the bucket's CORS rules hide its ETag.", { status: xhr.status });
        return void withHint(hidden, request).then(reject);
      }
      request.onProgress?.(request.body.size);
      resolve({ etag });
    };
    xhr.onerror = () => {
      settle();
      void withHint(new R2UploadError('network_error', 'The upload could not reach the store (network error).'), request).then(reject);
    };
    xhr.onabort = () => {
      settle();
      if (!stalled) return reject(canceledError());
      // A network error by its nature, so it is retried like one.
      reject(new R2UploadError('network_error', `The upload stalled: nothing moved for ${request.stallTimeout! / 1000} seconds.`));
    };
    request.signal?.addEventListener('abort', abort, { once: true });
    watch();
    xhr.send(request.body);
  });
}
