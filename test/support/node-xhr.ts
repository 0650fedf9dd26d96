import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * The part of XMLHttpRequest that r2-uploader's transport uses, over
 * `node:http`, so that integration tests run the engine's real code path
 * (xhr-put.ts and everything above it) against Miniflare from Node. The body
 * is streamed from the Blob with an exact Content-Length (a signed header),
 * upload progress counts bytes handed to the socket, and `abort()` destroys
 * the request. What it does not do is a browser's CORS filtering: hidden
 * headers are tested in Chromium (e2e).
 */
export class NodeXhr {
  status = 0;
  responseText = '';
  readonly upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: IncomingMessage['headers'] = {};
  private request: ClientRequest | undefined;
  private settled = false;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  getResponseHeader(name: string): string | null {
    const value = this.responseHeaders[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  send(body: Blob): void {
    const url = new URL(this.url);
    const headers: Record<string, string> = { ...this.headers, 'content-length': String(body.size) };
    if (body.type && !headers['content-type']) headers['content-type'] = body.type;
    // A connection per request: a kept-alive socket the server is closing would fail a request for reasons no browser shows.
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: this.method, headers, agent: false }, (response) => {
      this.status = response.statusCode ?? 0;
      this.responseHeaders = response.headers;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (this.responseText += chunk));
      response.on('end', () => this.finish(this.onload));
      response.on('error', () => this.finish(this.onerror));
    });
    this.request = request;
    request.on('error', () => this.finish(this.onerror));
    let loaded = 0;
    const source = Readable.fromWeb(body.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
    source.on('data', (chunk: Uint8Array) => {
      loaded += chunk.byteLength;
      if (!request.write(chunk)) source.pause();
      this.upload.onprogress?.({ loaded, total: body.size });
    });
    request.on('drain', () => source.resume());
    source.on('end', () => request.end());
    source.on('error', () => request.destroy());
  }

  abort(): void {
    if (this.settled) return;
    this.request?.destroy();
    this.status = 0;
    this.finish(this.onabort);
  }

  private finish(callback: (() => void) | null): void {
    if (this.settled) return;
    this.settled = true;
    queueMicrotask(() => callback?.());
  }
}

/** Installs `NodeXhr` as the global XMLHttpRequest; returns the function that removes it. */
export function installNodeXhr(): () => void {
  const previous = (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = NodeXhr;
  return () => {
    (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = previous;
  };
}
