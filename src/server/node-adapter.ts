import type { UploadHandler } from './types.js';

/*
 * `node:http`'s request and response, typed by what the adapter uses of them:
 * the server entry's declarations then need no `@types/node`, and it still
 * loads on Cloudflare Workers. Node's `IncomingMessage` and `ServerResponse`
 * (and Express's `Request` and `Response`) have all of it.
 */

/** What the adapter reads of a `node:http` request (an `IncomingMessage`). */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  /** Express and Connect rewrite `url` under a mount path and keep the original here. */
  originalUrl?: string | undefined;
  /** A body a parser such as `express.json()` already read. */
  body?: unknown;
  headers: { host?: string | undefined };
  rawHeaders: string[];
  socket: object;
  readableEnded: boolean;
  on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  once(event: 'end' | 'close', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** What the adapter writes to a `node:http` response (a `ServerResponse`). */
export interface NodeResponseLike {
  statusCode: number;
  statusMessage: string;
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableFinished: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: string): unknown;
  destroy(error?: Error): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/** A `node:http` / Express request listener, as made by `toNodeHandler`. */
export type NodeHandler = (req: NodeRequestLike, res: NodeResponseLike) => Promise<void>;

/** A host, an IPv4 or [IPv6] address, and an optional port: nothing that could smuggle in a path. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function requestUrl(req: NodeRequestLike): string {
  const path = req.originalUrl ?? req.url ?? '/';
  const protocol = 'encrypted' in req.socket && req.socket.encrypted === true ? 'https' : 'http';
  const host = req.headers.host !== undefined && HOST.test(req.headers.host) ? req.headers.host : 'localhost';
  // Concatenated rather than resolved so that a path like `//evil.example/` cannot change the host.
  const safePath = path.startsWith('/') ? path : '/';
  try {
    return new URL(`${protocol}://${host}${safePath}`).href;
  } catch {
    return `${protocol}://localhost/`;
  }
}

function requestHeaders(req: NodeRequestLike): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    // HTTP/2 pseudo-headers (`:path`, ...) are not headers to a Web Request.
    if (name.startsWith(':')) continue;
    headers.append(name, raw[i + 1] ?? '');
  }
  return headers;
}

/**
 * The request body as a Web stream. Unlike `Readable.toWeb`, canceling it
 * (the handler stops reading an oversize body) discards the rest instead of
 * destroying the socket, so the client still gets the 400 answer.
 */
function bodyStream(req: NodeRequestLike): ReadableStream<Uint8Array> {
  let settled = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  const onData = (chunk: Uint8Array | string) => {
    if (settled) return;
    controllerRef?.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
    // Backpressure: Node keeps the rest in the socket until the handler reads again.
    if ((controllerRef?.desiredSize ?? 1) <= 0) req.pause();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      req.on('data', onData);
      req.once('end', () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      req.once('error', (error) => {
        if (settled) return;
        settled = true;
        controller.error(error);
      });
      req.once('close', () => {
        if (settled) return;
        settled = true;
        controller.error(new Error('The client closed the connection before sending the whole body.'));
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      settled = true;
      req.off('data', onData);
      req.resume();
    },
  });
}

/**
 * The body a parser (such as `express.json()`) already consumed, serialized
 * again; without this the handler would wait forever for a stream that has ended.
 */
function consumedBody(req: NodeRequestLike): string | Uint8Array<ArrayBuffer> | null {
  const { body } = req;
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  return JSON.stringify(body);
}

function toWebRequest(req: NodeRequestLike, signal: AbortSignal): Request {
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers: requestHeaders(req), signal };
  if (method !== 'GET' && method !== 'HEAD') {
    if (req.readableEnded) {
      init.body = consumedBody(req);
      // The length of a re-serialized body is not the length the client sent.
      (init.headers as Headers).delete('content-length');
    } else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(requestUrl(req), init);
}

/** Waits until the socket takes more data, or gives up when the client is gone. */
function drained(res: NodeResponseLike): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

async function writeWebResponse(response: Response, res: NodeResponseLike): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}

function writeInternalError(res: NodeResponseLike, error: unknown): void {
  console.error('r2-uploader: the upload handler failed', error);
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: { code: 'internal_error', message: 'The upload could not be signed.' } }));
}

/**
 * Mounts a Web-standard handler on `node:http` or Express:
 * `createServer(toNodeHandler(handler))` or `app.use('/api/upload', toNodeHandler(handler))`.
 * The body is streamed to the handler; mount it before any body parser (a
 * body already parsed into `req.body` is re-serialized as a fallback).
 */
export function toNodeHandler(handler: UploadHandler): NodeHandler {
  return async (req, res) => {
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const response = await handler(toWebRequest(req, abort.signal));
      await writeWebResponse(response, res);
    } catch (error) {
      writeInternalError(res, error);
    }
  };
}
