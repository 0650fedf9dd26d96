import type { ResolvedConfig } from './config.js';
import { jsonResponse } from './http-error.js';
import { bucketOf, fetchS3 } from './s3-request.js';
import { requestScope, resolveScopedKey } from './scope.js';
import { storeError } from './store-error.js';

/**
 * DELETE `?key=` → 200 `{ key }`. The handler deletes the object itself
 * rather than presigning a DELETE: the bucket's CORS rule then needs no
 * DELETE, and the scope check and the delete happen in one place.
 */
export async function deleteRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  const scope = await requestScope(config, request, 'delete');
  const key = resolveScopedKey(new URL(request.url).searchParams.get('key'), scope);
  await deleteObject(config, key, request.signal);
  return jsonResponse(200, { key });
}

/** Deletes one object, server-side; a 502 `store_error` when the store refuses. */
export async function deleteObject(config: ResolvedConfig, key: string, signal?: AbortSignal): Promise<void> {
  const response = await fetchS3(bucketOf(config), { method: 'DELETE', key }, signal);
  // S3 and R2 answer 204 whether or not the key existed; a store answering 404 agrees it is gone.
  if (!response.ok && response.status !== 404) throw await storeError(response, 'delete the file');
}
