/** What a raw baseline sends: no retries, no state, no checks beyond the status. */
export interface RawRequest {
  method: 'PUT' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: XMLHttpRequestBodyInit;
}

/**
 * One XMLHttpRequest, resolved on 2xx. A progress listener is attached, as any
 * uploader that shows progress has one: progress events are part of the cost.
 */
export function sendXhr(request: RawRequest): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let loaded = 0;
    xhr.open(request.method, request.url);
    for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => void (loaded = event.loaded);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve(xhr) : reject(new Error(`${request.method} answered ${xhr.status} after ${loaded} bytes: ${xhr.responseText.slice(0, 200)}`));
    xhr.onerror = () => reject(new Error(`${request.method} failed (network error) after ${loaded} bytes`));
    xhr.send(request.body ?? null);
  });
}

/** The ETag of a finished PUT; the store's CORS exposes it. */
export function etagOf(xhr: XMLHttpRequest): string {
  const etag = xhr.getResponseHeader('etag');
  if (!etag) throw new Error('The store answered without an exposed ETag.');
  return etag;
}

/** The browser sets these itself; setting them throws or is ignored. */
const BROWSER_OWNED = new Set(['content-length', 'host']);

/** The signed headers a page can and must send. */
export function sendableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !BROWSER_OWNED.has(name.toLowerCase())));
}
