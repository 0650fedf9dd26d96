import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsRule, FaultAction, S3Proxy } from '../test/support/s3-proxy.ts';

/** Where tests steer the fault proxy of a dev server started with `R2_DEV_PROXY=1`. */
export const DEV_PROXY_PATH = '/__r2-dev/proxy';

/** A fault as JSON: the request it matches is described, not a function. */
export interface DevFault {
  /** Only requests with this method (e.g. PUT). */
  method?: string;
  /** Only requests whose path and query contain this text (e.g. `partNumber=`). */
  urlIncludes?: string;
  times?: number;
  action: FaultAction;
}

/** What `POST DEV_PROXY_PATH` takes; `DELETE` resets faults, CORS and the log. */
export interface DevProxyCommand {
  cors?: CorsRule[] | null;
  faults?: DevFault[];
}

/** What `GET DEV_PROXY_PATH` answers. */
export interface DevProxyReport {
  peakInFlight: number;
  requests: Array<{ method: string; url: string; start: number; end?: number; status?: number; bytesIn: number; fault?: string }>;
}

function readJson(req: IncomingMessage): Promise<DevProxyCommand> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      try {
        resolve(text ? (JSON.parse(text) as DevProxyCommand) : {});
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

/** A connect middleware that exposes the proxy's CORS rules, faults and request log to tests. */
export function devProxyRoutes(proxy: S3Proxy) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET') {
      const report: DevProxyReport = {
        peakInFlight: proxy.peakInFlight,
        requests: proxy.requests.map(({ url, ...rest }) => ({ ...rest, url: url.pathname + url.search })),
      };
      res.end(JSON.stringify(report));
      return;
    }
    if (req.method === 'DELETE') {
      proxy.reset();
      proxy.setCors(null);
      res.end('{}');
      return;
    }
    try {
      const command = await readJson(req);
      if (command.cors !== undefined) proxy.setCors(command.cors);
      for (const { method, urlIncludes, times, action } of command.faults ?? []) {
        proxy.inject({
          ...(times === undefined ? {} : { times }),
          action,
          match: (request) =>
            (method === undefined || request.method === method.toUpperCase()) &&
            (urlIncludes === undefined || (request.url.pathname + request.url.search).includes(urlIncludes)),
        });
      }
      res.end('{}');
    } catch {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: { code: 'bad_command', message: 'Send JSON { cors?, faults? }.' } }));
    }
  };
}
