import type { UploadTarget, UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import { authorizeRequest } from './authorize.js';
import { chooseKey } from './choose-key.js';
import { completionField } from './completion-token.js';
import type { ResolvedConfig } from './config.js';
import { jsonResponse } from './http-error.js';
import { readJsonBody } from './request-body.js';
import { bucketOf } from './s3-request.js';
import { presignPut } from './sign.js';
import { enforceSinglePutLimit, enforceUploadPolicy, enforceValidate } from './upload-policy.js';
import { parseUploadRequest } from './upload-request.js';

/**
 * Checks one parsed upload against the policy, the single-PUT limit and
 * `validate`, chooses its key and signs it. Throws an `HttpError` for a
 * refusal. Shared by the single route and `sign-batch`, so both refuse the
 * same files with the same statuses.
 */
export async function signUpload(
  upload: UploadUrlRequest,
  confinedTo: string | undefined,
  config: ResolvedConfig,
  request: Request,
): Promise<UploadTarget> {
  enforceUploadPolicy(upload, config);
  enforceSinglePutLimit(upload);
  await enforceValidate(config.validate, upload, request);
  const key = await chooseKey(config.key, { ...upload, prefix: confinedTo ?? config.prefix, request }, confinedTo);
  const url = await presignPut({ ...bucketOf(config), key, contentType: upload.contentType, size: upload.size, expiresIn: config.expiresIn });
  return {
    url,
    method: 'PUT',
    // content-length is listed because it is signed; browsers set it themselves from the body.
    headers: { 'content-type': upload.contentType, 'content-length': String(upload.size) },
    key,
    ...(await completionField(config, { key, size: upload.size, contentType: upload.contentType })),
  };
}

/**
 * POST `{ filename, contentType, size }` → 200 `UploadTarget`. Authorization
 * comes first so anonymous callers learn nothing from validation, and every
 * refusal happens before anything is signed.
 */
export async function presignRoute(request: Request, config: ResolvedConfig): Promise<Response> {
  const confinedTo = await authorizeRequest(config.authorize, request);
  const upload = parseUploadRequest(await readJsonBody(request));
  return jsonResponse(200, await signUpload(upload, confinedTo, config, request));
}
