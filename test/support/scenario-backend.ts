import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a scenario does with one signing request: answer it, never answer
 * (`hang`), or cut the connection (`drop`).
 */
export type ScenarioAnswer = Response | 'hang' | 'drop';

/** A backend behaviour, given the request as the handler would see it. */
export type Scenario = (request: Request) => ScenarioAnswer | Promise<ScenarioAnswer>;

/** One signing request the backend received. */
export interface BackendRequest {
  scenario: string;
  body: string;
}

export interface ScenarioBackend {
  /** `http://127.0.0.1:<port>`; scenario `name` answers `POST /api/<name>`. */
  base: string;
  /** Every request since the last `reset`. */
  readonly requests: readonly BackendRequest[];
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * A signing backend on 127.0.0.1 whose behaviour is chosen per route, for
 * tests of what the client does with every kind of backend answer: real
 * handlers, errors, HTML, silence, dropped connections.
 */
export async function startScenarioBackend(scenarios: Readonly<Record<string, Scenario>>): Promise<ScenarioBackend> {
  let requests: BackendRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const name = /^\/api\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      const scenario = name === undefined ? undefined : scenarios[name];
      if (!scenario || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const body = await readBody(req);
      requests.push({ scenario: name!, body });
      const request = new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = await scenario(request);
      if (answer === 'drop') req.socket.destroy();
      else if (answer !== 'hang') await send(res, answer);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    reset: () => void (requests = []),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
