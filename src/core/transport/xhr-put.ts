import { canceledError, toR2UploadError } from '../errors/upload-error.js';
import { putError, type PutFailure } from './put-failure.js';
import type { SlotReport } from './adaptive-limit.js';

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
  /** Told once how the PUT went (not when canceled, nor for refusals that say nothing about load), for the pool's budget. */
  onReport?: (report: SlotReport) => void;
}

/** 429 and 503: the store asks for fewer requests at once. */
const OVERLOADED = new Set([429, 503]);

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
 * PUTs a body with XMLHttpRequest, the only browser API with upload progress,
 * and resolves with the store's ETag.
 */
export function putWithXhr(request: PutRequest): Promise<{ etag: string }> {
  return new Promise((resolve, reject) => {
    // The promise settles even if building the error throws: a PUT that never settles holds its pool slot for ever.
    const fail = (failure: PutFailure) => {
      try {
        reject(putError(failure, request.url, request.headers['content-type']));
      } catch (thrown) {
        reject(toR2UploadError(thrown, failure.code));
      }
    };
    const expected = signedLength(request.headers);
    if (expected !== undefined && expected !== request.body.size) {
      return fail({ code: 'invalid_backend_response', signed: expected, size: request.body.size });
    }
    if (request.signal?.aborted) {
      reject(canceledError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    let sentAt = 0;
    let queuedMs: number | undefined;
    const report = (outcome: SlotReport['outcome']) => request.onReport?.({ bytes: request.body.size, queuedMs, outcome, url: request.url });
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
      queuedMs ??= performance.now() - sentAt;
      watch();
      request.onProgress?.(event.loaded);
    };
    xhr.onload = () => {
      settle();
      const { status } = xhr;
      if (status < 200 || status >= 300) {
        if (OVERLOADED.has(status)) report('overloaded');
        const body = typeof xhr.responseText === 'string' ? xhr.responseText : '';
        return fail({ code: 'store_error', status, body, retryAfter: xhr.getResponseHeader('retry-after') });
      }
      report('ok');
      const etag = xhr.getResponseHeader('etag');
      if (!etag) return fail({ code: 'etag_not_exposed', status });
      request.onProgress?.(request.body.size);
      resolve({ etag });
    };
    xhr.onerror = () => {
      settle();
      report('failed');
      fail({ code: 'network_error' });
    };
    xhr.onabort = () => {
      settle();
      if (!stalled) return reject(canceledError());
      report('failed');
      // A network error by its nature, so it is retried like one.
      fail({ code: 'network_error', stalledFor: request.stallTimeout });
    };
    request.signal?.addEventListener('abort', abort, { once: true });
    watch();
    sentAt = performance.now();
    xhr.send(request.body);
  });
}
