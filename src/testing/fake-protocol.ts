import { HttpResponse } from 'msw';
import type { ProtocolErrorBody, UploadUrlRequest } from '../core/protocol/upload-protocol.js';

/** An error the fake backend answers with, in the protocol's `{ error: { code, message } }` shape. */
export interface BackendRejection {
  /** HTTP status, e.g. 400, 401, 413. */
  status: number;
  /** The backend's machine-readable code. */
  code: string;
  /** The message the user sees. */
  message: string;
}

/** The protocol's error answer. */
export function errorResponse({ status, code, message }: BackendRejection): HttpResponse<ProtocolErrorBody> {
  return HttpResponse.json({ error: { code, message } }, { status });
}

/** A malformed request: 400 `bad_request`. */
export function badRequest(message: string): HttpResponse<ProtocolErrorBody> {
  return errorResponse({ status: 400, code: 'bad_request', message });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isUploadUrlRequest(value: unknown): value is UploadUrlRequest {
  if (!isRecord(value)) return false;
  const { filename, contentType, size } = value;
  return typeof filename === 'string' && filename !== '' && typeof contentType === 'string' && contentType !== ''
    && typeof size === 'number' && Number.isInteger(size) && size >= 0;
}

/** The body as JSON, or `undefined` when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return (await request.json()) as unknown;
  } catch {
    return undefined;
  }
}
