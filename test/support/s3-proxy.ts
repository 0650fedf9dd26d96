import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listPartsTarget, listPartsXml, s3ErrorXml, type StoreReader } from './s3-proxy-answers.ts';

export type { StoreReader } from './s3-proxy-answers.ts';

/**
 * A small HTTP proxy on 127.0.0.1 in front of Miniflare's S3 endpoint, for the
 * failures Miniflare cannot produce by itself: a bucket's CORS rules (Miniflare
 * allows everything), dropped connections, 5xx and 429 answers, slow answers.
 *
 * Presigned URLs must be signed for the proxy's origin (pass `proxy.endpoint`
 * to the handler): the Host header is passed through unchanged, and the store
 * checks the signature against it.
 */

export interface S3ProxyOptions {
  /**
   * Answers ListParts, which Miniflare answers with 501 NotImplemented, from
   * the store's own records, in S3's XML. The request still goes to the store
   * first, so its signature is verified there.
   */
  store?: StoreReader;
}

/** A bucket CORS rule, in the shape R2 and S3 use. */
export interface CorsRule {
  AllowedOrigins: string[];
  AllowedMethods: string[];
  AllowedHeaders?: string[];
  ExposeHeaders?: string[];
  MaxAgeSeconds?: number;
}

/** What a fault does to a request it matches. */
export type FaultAction =
  /** Answer with this status (and an S3 XML error body when `s3Code` is given) without reaching the store. */
  | { type: 'status'; status: number; s3Code?: string; headers?: Record<string, string> }
  /** Read this many bytes of the request body (default 0), then destroy the connection. */
  | { type: 'drop'; afterBytes?: number }
  /** Wait this long before forwarding. */
  | { type: 'delay'; ms: number }
  /** Flip the bits of one request body byte (default the first) on its way to the store, as a faulty network might. */
  | { type: 'corrupt'; atByte?: number }
  /** Forward the request, then cut the connection instead of passing the store's answer on: the store did it, the client never hears. */
  | { type: 'lose-answer' };

/** A fault, applied to the next `times` requests (default 1) that `match` accepts. */
export interface Fault {
  match?: (request: { method: string; url: URL }) => boolean;
  times?: number;
  action: FaultAction;
}

/** One request the proxy saw. */
export interface ProxiedRequest {
  method: string;
  url: URL;
  /** Milliseconds since the proxy started, when the request arrived and when its answer finished. */
  start: number;
  end?: number;
  /** Status sent to the client; 0 for a dropped connection. */
  status?: number;
  /** Request body bytes received. */
  bytesIn: number;
  /** The fault applied to it, if any. */
  fault?: FaultAction['type'];
}

export interface S3Proxy {
  /** The proxy's origin, `http://127.0.0.1:<port>`. */
  origin: string;
  /** The S3 endpoint through the proxy: the target endpoint with the proxy's origin. */
  endpoint: string;
  /** Applies bucket CORS rules; `null` (the default) passes the store's own CORS through. */
  setCors(rules: CorsRule[] | null): void;
  /** Queues a fault. */
  inject(fault: Fault): void;
  /** Clears faults and the request log. */
  reset(): void;
  /** Every request seen since the last reset, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  /** The most requests (excluding preflights) that were in flight at once since the last reset. */
  readonly peakInFlight: number;
  close(): Promise<void>;
}

function matchingRule(rules: CorsRule[], origin: string, method: string): CorsRule | undefined {
  return rules.find(
    (rule) =>
      (rule.AllowedOrigins.includes('*') || rule.AllowedOrigins.includes(origin)) &&
      rule.AllowedMethods.map((m) => m.toUpperCase()).includes(method.toUpperCase()),
  );
}

function headersAllowed(rule: CorsRule, requested: string | undefined): boolean {
  const allowed = (rule.AllowedHeaders ?? []).map((h) => h.toLowerCase());
  if (allowed.includes('*')) return true;
  const wanted = (requested ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return wanted.every((h) => allowed.includes(h));
}

const CORS_HEADERS = /^access-control-/i;

/** Starts the proxy in front of `target`, an S3 endpoint such as Miniflare's. */
export async function startS3Proxy(target: string, options: S3ProxyOptions = {}): Promise<S3Proxy> {
  const targetUrl = new URL(target);
  const started = performance.now();
  let cors: CorsRule[] | null = null;
  let faults: Fault[] = [];
  let requests: ProxiedRequest[] = [];
  let inFlight = 0;
  let peakInFlight = 0;

  const takeFault = (method: string, url: URL): FaultAction | undefined => {
    const fault = faults.find((f) => f.match?.({ method, url }) ?? true);
    if (!fault) return undefined;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults = faults.filter((f) => f !== fault);
    return fault.action;
  };

  /** Response CORS headers per the rules, replacing the store's own. */
  const corsHeadersFor = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    if (!cors || !origin) return {};
    const rule = matchingRule(cors, origin, req.method ?? 'GET');
    if (!rule) return {};
    const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin' };
    if (rule.ExposeHeaders?.length) headers['access-control-expose-headers'] = rule.ExposeHeaders.join(', ');
    return headers;
  };

  const answerPreflight = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin ?? '';
    const method = String(req.headers['access-control-request-method'] ?? '');
    const rule = matchingRule(cors ?? [], origin, method);
    if (!rule || !headersAllowed(rule, req.headers['access-control-request-headers'] as string | undefined)) {
      res.writeHead(403).end();
      return;
    }
    res
      .writeHead(204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': rule.AllowedMethods.join(', '),
        'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
        'access-control-max-age': String(rule.MaxAgeSeconds ?? 0),
        vary: 'Origin',
      })
      .end();
  };

  const forward = (req: IncomingMessage, res: ServerResponse, log: ProxiedRequest, dropAfter?: number, corruptAt?: number, loseAnswer = false) => {
    // With rules of its own the proxy is the bucket's CORS layer; Miniflare refuses non-local Origins.
    const { origin: _origin, ...withoutOrigin } = req.headers;
    const headers = cors === null ? req.headers : withoutOrigin;
    let answered = false;
    const upstream = httpRequest(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers },
      (answer) => {
        answered = true;
        if (loseAnswer) {
          answer.resume();
          log.status = 0;
          req.socket.destroy();
          return;
        }
        // A cut answer must reach the client as a cut connection, not as a hang.
        answer.on('aborted', () => res.destroy());
        const listing = options.store && answer.statusCode === 501 ? listPartsTarget(req.method ?? '', log.url, targetUrl.pathname) : undefined;
        if (listing && options.store) {
          answer.resume();
          void listPartsXml(options.store, log.url, listing).then(({ status, body }) => {
            log.status = status;
            res.writeHead(status, { 'content-type': 'application/xml', ...corsHeadersFor(req) }).end(body);
          });
          return;
        }
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => cors === null || !CORS_HEADERS.test(name)),
        ) as Record<string, string | string[]>;
        res.writeHead(answer.statusCode ?? 502, { ...headers, ...corsHeadersFor(req) });
        log.status = answer.statusCode;
        answer.pipe(res);
      },
    );
    // A store may answer before it has read the body (a 403 for an expired URL) and close the
    // connection: writing the rest then fails with EPIPE, which must not cut the answer it gave.
    upstream.on('error', () => {
      if (!answered) res.destroy();
    });
    req.on('data', (chunk: Buffer) => {
      const offset = log.bytesIn;
      log.bytesIn += chunk.length;
      if (dropAfter !== undefined && log.bytesIn >= dropAfter) {
        log.status = 0;
        upstream.destroy();
        req.socket.destroy();
        return;
      }
      if (corruptAt !== undefined && corruptAt >= offset && corruptAt < log.bytesIn) chunk.writeUInt8(chunk.readUInt8(corruptAt - offset) ^ 0xff, corruptAt - offset);
      if (upstream.destroyed) return;
      if (!upstream.write(chunk)) req.pause();
    });
    upstream.on('drain', () => req.resume());
    req.on('end', () => upstream.end());
    // A delayed request was paused while it waited.
    req.resume();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (req.method === 'OPTIONS' && cors !== null) return answerPreflight(req, res);
    const log: ProxiedRequest = { method: req.method ?? 'GET', url, start: performance.now() - started, bytesIn: 0 };
    requests.push(log);
    const counts = req.method !== 'OPTIONS';
    if (counts) peakInFlight = Math.max(peakInFlight, (inFlight += 1));
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      // Keep-alive sockets carry many requests: one listener each would pile up.
      req.socket.off('close', finish);
      log.end = performance.now() - started;
      if (counts) inFlight -= 1;
    };
    res.on('close', finish);
    req.socket.on('close', finish);

    const action = takeFault(log.method, url);
    if (action) log.fault = action.type;
    if (action?.type === 'status') {
      req.resume();
      log.status = action.status;
      const body = action.s3Code ? s3ErrorXml(action.s3Code) : '';
      res.writeHead(action.status, { 'content-type': 'application/xml', ...action.headers, ...corsHeadersFor(req) }).end(body);
      return;
    }
    if (action?.type === 'delay') {
      req.pause();
      setTimeout(() => forward(req, res, log), action.ms);
      return;
    }
    forward(req, res, log, action?.type === 'drop' ? (action.afterBytes ?? 0) : undefined, action?.type === 'corrupt' ? (action.atByte ?? 0) : undefined, action?.type === 'lose-answer');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    endpoint: `${origin}${targetUrl.pathname.replace(/\/$/, '')}`,
    setCors: (rules) => void (cors = rules),
    inject: (fault) => void faults.push({ ...fault }),
    reset() {
      faults = [];
      requests = [];
      peakInFlight = inFlight;
    },
    get requests() {
      return requests;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
