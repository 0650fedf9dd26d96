import { isRecord, postToBackend, type BackendOptions } from './backend-fetch.js';
import { R2UploadError } from './errors.js';
import { loadFailureKit } from './lazy-kits.js';
import type { UploadTarget, UploadUrlRequest } from './protocol.js';
import type { UploadState } from './types.js';

export type { BackendOptions } from './backend-fetch.js';

/** An `invalid_backend_response` for an answer that is not an upload target. */
export function invalidTarget(message: string): R2UploadError {
  return new R2UploadError('invalid_backend_response', message, {
    hint: 'The backend must answer { "url", "method": "PUT", "headers": { ... }, "key" } (see the protocol in the README).',
  });
}

/**
 * The upload target in a backend's answer (or in what `getUploadUrl`
 * returned). A good one passes here at once; a bad one is rejected by
 * `parseUploadTarget`, which says what is wrong with it and loads only then.
 */
export async function checkedTarget(value: unknown): Promise<UploadTarget> {
  if (isRecord(value)) {
    const { url, method = 'PUT', headers = {}, key } = value;
    const stringHeaders = isRecord(headers) && Object.values(headers).every((v) => typeof v === 'string');
    if (typeof url === 'string' && URL.canParse(url) && method === 'PUT' && stringHeaders && typeof key === 'string' && key !== '') {
      return { url, method, headers: headers as Record<string, string>, key };
    }
  }
  const check = await loadFailureKit().catch(() => undefined);
  if (!check) throw invalidTarget('The upload backend answered with something that is not an upload target.');
  return check.parseUploadTarget(value);
}

/** What the backend is asked to sign for a file. */
export const uploadUrlRequest = (upload: UploadState): UploadUrlRequest => ({ filename: upload.name, contentType: upload.type, size: upload.size });

/**
 * POSTs `{ filename, contentType, size }` to the backend and returns the
 * upload target it signed. Every failure is an `R2UploadError`.
 */
export async function requestUploadTarget(
  options: BackendOptions,
  request: UploadUrlRequest,
  signal: AbortSignal,
): Promise<UploadTarget> {
  return checkedTarget(await postToBackend(options, request, signal, invalidTarget));
}
