import { request as httpRequest } from 'node:http';

/**
 * The library's handler makes S3 calls of its own (CreateMultipartUpload,
 * CompleteMultipartUpload, listing) with the global `fetch`, to the endpoint
 * it signs for: for a front, the front's origin. Node would refuse the
 * front's throwaway certificate and its h2-only ALPN, and an app server's
 * calls never cross the user's emulated link anyway. So, in the bench
 * process only, a fetch to a front's origin goes straight to Miniflare over
 * `node:http` with the `Host` it was signed for (fetch itself cannot set
 * `Host`). The fronts then count the browser's requests alone.
 *
 * Returns the function that puts the original `fetch` back.
 */
export function sendServerFetchesToStore(frontOrigins: readonly string[], storeOrigin: string): () => void {
  const original = globalThis.fetch;
  const fronts = new Set(frontOrigins);
  const store = new URL(storeOrigin);

  const direct = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = { ...Object.fromEntries(request.headers), host: url.host };
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpRequest({ host: store.hostname, port: store.port, method: request.method, path: `${url.pathname}${url.search}`, headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => {
          const status = answer.statusCode ?? 502;
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          // A Response with a body may not have these statuses.
          const nullBody = request.method === 'HEAD' || [204, 205, 304].includes(status);
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: answerHeaders }));
        });
      });
      outgoing.on('error', reject);
      request.signal.addEventListener('abort', () => outgoing.destroy(request.signal.reason instanceof Error ? request.signal.reason : new Error('aborted')), { once: true });
      outgoing.end(body);
    });
  };

  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return fronts.has(new URL(url).origin) ? direct(new Request(input, init)) : original(input, init);
  };
  return () => {
    globalThis.fetch = original;
  };
}
