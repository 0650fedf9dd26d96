import { createHash, randomBytes } from 'node:crypto';
import type { ProtocolErrorBody, UploadTarget } from '../../src/core/protocol/upload-protocol.ts';

/** Asks a handler for an upload URL the way the browser client does. */
export function askForUpload(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  init: { headers?: Record<string, string>; raw?: boolean } = {},
): Promise<Response> {
  return handler(
    new Request('http://app.test/api/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.raw ? String(body) : JSON.stringify(body),
    }),
  );
}

/** The 200 answer's target; fails the test with the body when it is not 200. */
export async function targetFrom(response: Response): Promise<UploadTarget> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${text}`);
  return JSON.parse(text) as UploadTarget;
}

/** A refusal's status, content type and protocol body. */
export async function refusalFrom(response: Response): Promise<{ status: number; contentType: string | null; body: ProtocolErrorBody }> {
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as ProtocolErrorBody };
}

/** PUTs bytes to a presigned target with its signed headers; fetch sets Content-Length from the body. */
export function putTo(target: UploadTarget, bytes: Uint8Array, contentType = target.headers['content-type'] ?? ''): Promise<Response> {
  // Every signed header but the length, which fetch sets from the body; the Content-Type may be swapped to test refusals.
  const { 'content-length': _length, ...signed } = target.headers;
  return fetch(target.url, { method: 'PUT', headers: { ...signed, 'content-type': contentType }, body: new Uint8Array(bytes) });
}

/** The S3 error code in an XML error answer. */
export function s3Code(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export function randomBody(size: number): Uint8Array {
  return new Uint8Array(randomBytes(size));
}
