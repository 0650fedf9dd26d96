import { HttpError } from './http-error.js';

/**
 * `{ filename, contentType, size }` is a few hundred bytes; the cap keeps a
 * hostile client from making the server buffer megabytes before refusing.
 */
export const MAX_BODY_BYTES = 16 * 1024;

function tooLarge(): HttpError {
  return new HttpError(400, 'request_too_large', `The request body must be at most ${MAX_BODY_BYTES} bytes of JSON.`);
}

/** Reads at most `limit` bytes of the body, refusing more without reading the rest. */
async function readLimitedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge();
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid UTF-8.');
  }
}

/** The body parsed as JSON, or a 400 `HttpError`. */
export async function readJsonBody(request: Request, limit: number = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readLimitedText(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body must be JSON: { "filename", "contentType", "size" }.');
  }
}
