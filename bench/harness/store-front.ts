import { Agent, createServer as createHttpServer, request as upstreamRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2Session } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { FrontCounters, type FrontStats } from './front-counters.ts';
import type { SelfSignedCertificate } from './tls-cert.ts';

/**
 * A front before Miniflare that makes the local store behave like R2's edge
 * on an emulated link:
 *
 * - `h2`: TLS with ALPN h2 only (`node:http2`), as R2's S3 endpoint serves:
 *   Chromium multiplexes every upload over one session. Miniflare itself
 *   speaks HTTP/1.1 only.
 * - `h1-tls`: the same over TLS and HTTP/1.1, for a like-for-like comparison.
 * - `h1`: plain HTTP/1.1 (the throttled scenarios s5a and s5b, which went to
 *   Miniflare directly before and only gain the preflight delay).
 *
 * Chromium's CDP throttling delays requests but not CORS preflights, so the
 * front answers each preflight itself after one emulated latency: then every
 * round trip of an upload is paid, as on a real link. Everything else is
 * forwarded with the original `Host`, so SigV4 (signed for the front's
 * origin) still verifies, and with the page's `Origin`, which Miniflare
 * checks is loopback. `Timing-Allow-Origin` goes only on answers of runs that
 * ask for it (s6t): it is what lets the page read `nextHopProtocol`, and
 * other runs must not differ from a real bucket, which sends none.
 */
export type FrontKind = 'h1' | 'h1-tls' | 'h2';

export interface FrontRunOptions {
  preflightDelayMs: number;
  timingAllowOrigin: boolean;
}

export interface StoreFront {
  kind: FrontKind;
  /** `https://127.0.0.1:<port>` (`http://` for `h1`): the origin the browser uploads to. */
  origin: string;
  /** The S3 API base through the front, what its signers sign for. */
  endpoint: string;
  /** Sets the next run's behaviour and starts its counts. */
  beginRun(options: FrontRunOptions): void;
  /** The run's counts. */
  endRun(): FrontStats;
  close(): Promise<void>;
}

type FrontRequest = IncomingMessage | Http2ServerRequest;
/** What the front uses of an answer, the same in `node:http` and in `node:http2`'s compatibility API. */
interface FrontResponse {
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers: OutgoingHttpHeaders): FrontResponse;
  end(): unknown;
  end(body: string): unknown;
  destroy(): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** Connection-level headers: meaningless across the hop, and forbidden in HTTP/2 answers. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'http2-settings', 'host']);

function forwardable(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !name.startsWith(':') && !HOP_BY_HOP.has(name)));
}

/** What Miniflare answers a preflight (checked: allow-all), so the front's answer changes nothing but its timing. */
function preflightHeaders(req: FrontRequest): OutgoingHttpHeaders {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET,HEAD,PUT,POST,DELETE',
    ...(requested ? { 'access-control-allow-headers': requested } : {}),
    'access-control-expose-headers': '*',
    vary: 'Access-Control-Request-Headers',
  };
}

/** HTTP/2 connection windows start at 64 KiB; an edge server opens them wide, so flow control never paces the uploads. */
const WINDOW = 16 * 1024 * 1024;

export async function startStoreFront(kind: FrontKind, upstream: { origin: string; endpointPath: string }, certificate: SelfSignedCertificate): Promise<StoreFront> {
  const target = new URL(upstream.origin);
  // A connection per request: a kept-alive socket that Miniflare closes while idle fails the next request sent on it
  // (ECONNRESET before any answer), which showed up as a baseline's lost run; a local connect costs far less than a file.
  const agent = new Agent({ keepAlive: false });
  const counters = new FrontCounters();
  let run: FrontRunOptions = { preflightDelayMs: 0, timingAllowOrigin: false };
  const timers = new Set<NodeJS.Timeout>();

  function forward(req: FrontRequest, res: FrontResponse, extra: OutgoingHttpHeaders): void {
    // HTTP/2 carries the host as :authority; Miniflare wants it as Host, exactly as signed.
    const authority = req.headers[':authority'] ?? req.headers.host;
    const host = Array.isArray(authority) ? authority[0] : authority;
    let answered = false;
    const proxied = upstreamRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, agent, headers: { ...forwardable(req.headers), ...(host ? { host } : {}) } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...forwardable(answer.headers), ...extra });
        answer.on('end', () => (answered = true));
        answer.pipe(res as unknown as NodeJS.WritableStream);
      },
    );
    proxied.on('error', (error) => {
      if (answered) return;
      answered = true; // counted here, not again as closed by the browser
      counters.cut('upstream');
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`front: ${error.message}`);
      else res.destroy();
    });
    // A browser that gave up (a closed page) must not leave the upstream request hanging; a finished one keeps its socket for the next.
    res.on('close', () => {
      if (answered) return;
      counters.cut('browser');
      proxied.destroy();
    });
    req.pipe(proxied);
  }

  const handle = (req: FrontRequest, res: FrontResponse) => {
    const connection = req.httpVersionMajor === 2 ? (req as Http2ServerRequest).stream.session : req.socket;
    const done = counters.request(connection ?? req, req.method ?? '', req.httpVersion);
    res.on('close', done);
    const extra: OutgoingHttpHeaders = run.timingAllowOrigin ? { 'timing-allow-origin': '*' } : {};
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) res.writeHead(204, { ...preflightHeaders(req), ...extra }).end();
      }, run.preflightDelayMs);
      timers.add(timer);
      req.resume();
      return;
    }
    forward(req, res, extra);
  };

  const sessions = new Set<Http2Session>();
  const tls = { key: certificate.key, cert: certificate.cert };
  const server =
    kind === 'h2'
      ? createSecureServer({ ...tls, allowHTTP1: false, settings: { initialWindowSize: WINDOW } }, handle).on('session', (session) => {
          sessions.add(session);
          session.on('close', () => sessions.delete(session));
          session.setLocalWindowSize(WINDOW);
        })
      : kind === 'h1-tls'
        ? createHttpsServer(tls, handle)
        : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${kind === 'h1' ? 'http' : 'https'}://127.0.0.1:${port}`;
  return {
    kind,
    origin,
    endpoint: `${origin}${upstream.endpointPath}`,
    beginRun(options) {
      run = options;
      counters.take();
    },
    endRun: () => counters.take(),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const session of sessions) session.destroy();
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
