import type { UploadTarget, UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import { authorizeGrant, type Grant } from './authorize.js';
import { chooseKey } from './choose-key.js';
import { completionField } from './completion-token.js';
import type { ResolvedConfig } from './config.js';
import { jsonResponse } from './http-error.js';
import { bucketOf } from './s3-request.js';
import { presignPut } from './sign.js';
import { metadataHeaders, resolveMetadata } from './upload-metadata.js';
import { enforceSinglePutLimit, enforceUploadPolicy, enforceValidate } from './upload-policy.js';
import { parseUploadRequest } from './upload-request.js';

/**
 * Checks one parsed upload against the policy, the single-PUT limit,
 * `validate` and the route's metadata validator, chooses its key and signs
 * it. Throws an `HttpError` for a refusal. Shared by the single route and
 * `sign-batch`, so both refuse the same files with the same statuses.
 */
export async function signUpload(upload: UploadUrlRequest, grant: Grant, config: ResolvedConfig, request: Request): Promise<UploadTarget> {
  enforceUploadPolicy(upload, config);
  enforceSinglePutLimit(upload);
  await enforceValidate(config.validate, upload, request);
  const metadata = await resolveMetadata(config, upload, grant.metadata, config.route, request);
  const key = await chooseKey(config.key, { ...upload, prefix: grant.confinedTo ?? config.prefix, request }, grant.confinedTo);
  const headers = {
    'content-type': upload.contentType,
    // Without it a presigned URL could replace any object at its key: the store answers 412 instead.
    ...(config.overwrite ? {} : { 'if-none-match': '*' }),
    ...metadataHeaders(config.storeMetadata, metadata),
  };
  const url = await presignPut({ ...bucketOf(config), key, headers, size: upload.size, expiresIn: config.expiresIn });
  return {
    url,
    method: 'PUT',
    // content-length is listed because it is signed; browsers set it themselves from the body.
    headers: { ...headers, 'content-length': String(upload.size) },
    key,
    ...(await completionField(config, { key, size: upload.size, contentType: upload.contentType, metadata })),
  };
}

/**
 * POST `{ filename, contentType, size, metadata? }` → 200 `UploadTarget`.
 * Authorization comes first so anonymous callers learn nothing from
 * validation, and every refusal happens before anything is signed.
 */
export async function presignRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const grant = await authorizeGrant(config.authorize, request, 'upload', config.route);
  return jsonResponse(200, await signUpload(parseUploadRequest(body), grant, config, request));
}
