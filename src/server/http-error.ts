import type { ProtocolErrorBody } from '../core/protocol/upload-protocol.js';

/**
 * A refusal with its HTTP status and protocol code. Validators throw it so
 * that every refusal, wherever it is found, is answered the same JSON way.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** A 400 `invalid_request`: a malformed request. */
export function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid_request', message);
}

/** A JSON answer. Signed URLs are short-lived secrets, so nothing may cache them unless `headers` says otherwise. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'cache-control': 'no-store', ...headers, 'content-type': 'application/json' },
  });
}

/** The protocol's `{ error: { code, message } }` answer for a refusal. */
export function errorResponse(error: HttpError): Response {
  const body: ProtocolErrorBody = { error: { code: error.code, message: error.message } };
  return jsonResponse(error.status, body, { ...error.headers });
}
