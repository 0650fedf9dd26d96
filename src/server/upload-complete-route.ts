import { bareEtag } from '../core/protocol/etag.js';
import type { CompleteUploadAnswer } from '../core/protocol/upload-protocol.js';
import { authorizeRequest } from './authorize.js';
import { verifyCompletion, type CompletionClaims } from './completion-token.js';
import type { ResolvedConfig } from './config.js';
import { HttpError, invalid, jsonResponse } from './http-error.js';
import { deleteObject } from './delete-route.js';
import { bucketOf, fetchS3 } from './s3-request.js';
import { ensureOwnUpload } from './scope.js';
import { invalidToken } from './signed-token.js';
import { storeError } from './store-error.js';
import { record } from './upload-request.js';
import type { UploadCompleteFunction } from './route-types.js';

/** The most `onUploadComplete` may hand back to the client, serialized. */
export const SERVER_DATA_BYTES = 16 * 1024;

/**
 * Thrown by `onUploadComplete` to refuse an upload with a message the user
 * may read. Any other throw is answered with a generic message (and logged):
 * a stack or a database error must not reach the browser.
 */
export class UploadCompleteError extends Error {
  override readonly name = 'UploadCompleteError';
}

function parseCompleteRequest(value: unknown): { token: unknown; etag: string } {
  const { token, etag } = record(value, ': { "token", "etag" }');
  if (typeof etag !== 'string' || etag === '' || etag.length > 200) throw invalid('"etag" must be the ETag the store answered the upload with.');
  return { token, etag };
}

/** The object as the bucket holds it, checked against what was signed and what the client reports; its ETag. */
async function checkStoredObject(config: ResolvedConfig, claims: CompletionClaims, reportedEtag: string, signal: AbortSignal): Promise<string> {
  const response = await fetchS3(bucketOf(config), { method: 'HEAD', key: claims.key }, signal);
  if (response.status === 404) throw new HttpError(409, 'upload_incomplete', 'The file is not in the bucket: upload it before completing.');
  if (!response.ok) throw await storeError(response, 'check the upload');
  const etag = response.headers.get('etag') ?? '';
  const differences = [
    Number(response.headers.get('content-length')) !== claims.size && 'size',
    response.headers.get('content-type') !== claims.contentType && 'Content-Type',
    bareEtag(etag) !== bareEtag(reportedEtag) && 'ETag',
  ].filter(Boolean);
  if (differences.length > 0) throw new HttpError(409, 'object_mismatch', `The stored file differs from the upload (${differences.join(', ')}).`);
  return etag;
}

/** What `onUploadComplete` returned, checked to be JSON the client can receive (else a throw: the app's failure too). */
function serialized(value: unknown): unknown {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('onUploadComplete returned something that is not JSON.');
  if (new TextEncoder().encode(json).length > SERVER_DATA_BYTES) throw new TypeError(`onUploadComplete returned more than ${SERVER_DATA_BYTES} bytes of JSON.`);
  // The answer serializes it the same way again.
  return value;
}

/** Runs the app's code; when it fails, removes the object (unless told to keep it) and answers 422 `complete_failed`. */
async function runAppCode(onUploadComplete: UploadCompleteFunction, upload: Parameters<UploadCompleteFunction>[0], config: ResolvedConfig): Promise<unknown> {
  try {
    return serialized(await onUploadComplete(upload));
  } catch (error) {
    const chosen = error instanceof UploadCompleteError;
    if (!chosen) console.error(`r2-uploader: onUploadComplete failed for ${upload.key}`, error);
    const removed = config.deleteOnCompleteError && (await deleteObject(config, upload.key).then(() => true, () => false));
    if (config.deleteOnCompleteError && !removed) console.error(`r2-uploader: ${upload.key} could not be deleted after onUploadComplete failed`);
    const message = chosen ? error.message : 'The upload could not be recorded.';
    throw new HttpError(422, 'complete_failed', removed ? `${message} The file was removed.` : message);
  }
}

/**
 * `POST ?action=complete` `{ token, etag }` → 200 `{ key, etag, serverData }`.
 * Stateless and without webhooks: the token says what was signed, the bucket
 * says what is stored, and only when they agree (and with the ETag the client
 * got) does the app's `onUploadComplete` run, once per such request.
 */
export async function uploadCompleteRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const { onUploadComplete } = config;
  if (!onUploadComplete) throw new HttpError(404, 'not_found', 'Completions are not verified here (the handler has no onUploadComplete).');
  const confinedTo = await authorizeRequest(config.authorize, request, 'complete', config.route);
  const { token, etag: reportedEtag } = parseCompleteRequest(body);
  const claims = await verifyCompletion(token, config.secretAccessKey);
  if (claims.route !== config.route) throw invalidToken('The completion token belongs to another route.');
  ensureOwnUpload(claims.key, confinedTo);
  const etag = await checkStoredObject(config, claims, reportedEtag, request.signal);
  const { key, size, contentType, metadata = {}, route } = claims;
  const serverData = await runAppCode(onUploadComplete, { key, size, contentType, etag, metadata, route, request }, config);
  const answer: CompleteUploadAnswer = { key, etag, ...(serverData === undefined ? {} : { serverData }) };
  return jsonResponse(200, answer);
}
