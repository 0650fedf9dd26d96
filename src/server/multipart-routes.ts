import {
  MULTIPART_ACTIONS,
  type CompleteMultipartAnswer,
  type ListPartsAnswer,
  type MultipartUpload,
  type SignPartsAnswer,
  type UploadedPart,
} from '../core/protocol/multipart-protocol.js';
import { partLength, partPlanProblem, type PartPlan } from '../core/policy/part-plan.js';
import { authorizeGrant, authorizeRequest } from './authorize.js';
import { chooseKey } from './choose-key.js';
import { completionField } from './completion-token.js';
import type { ResolvedConfig } from './config.js';
import { HttpError, invalid, jsonResponse } from './http-error.js';
import { parseCompleteParts, parseCreateRequest, parsePartNumbers, parseReference } from './multipart-request.js';
import { signToken, TOKEN_LIFETIME_SECONDS, verifyToken, type TokenClaims } from './multipart-token.js';
import { ensureOwnUpload } from './scope.js';
import { callS3, s3Failure } from './s3-client.js';
import { bucketOf } from './s3-request.js';
import { childElements, childText, escapeXml, xmlRoot } from './xml.js';
import { presignPut } from './sign.js';
import { metadataHeaders, resolveMetadata } from './upload-metadata.js';
import { enforceUploadPolicy, enforceValidate } from './upload-policy.js';

type MultipartRoute = (request: Request, config: ResolvedConfig, body: unknown) => Promise<Response>;

const planOf = (claims: TokenClaims): PartPlan => ({
  size: claims.size,
  partSize: claims.partSize,
  partCount: Math.max(1, Math.ceil(claims.size / claims.partSize)),
});

/**
 * Authorizes the request and checks that the token binds this key, upload
 * and route, and that the key is still inside the prefix this caller may use
 * (a signed-out or different user cannot continue it).
 */
async function authorizedUpload(request: Request, config: ResolvedConfig, body: unknown): Promise<TokenClaims> {
  const confinedTo = await authorizeRequest(config.authorize, request, 'upload', config.route);
  const reference = parseReference(body);
  const claims = await verifyToken(reference.token, config.secretAccessKey);
  if (claims.key !== reference.key || claims.uploadId !== reference.uploadId || claims.route !== config.route) {
    throw new HttpError(400, 'invalid_token', 'The token belongs to another upload.');
  }
  ensureOwnUpload(claims.key, confinedTo);
  return claims;
}

/** `multipart-create`: checks the policy, `validate` and the part size, then CreateMultipartUpload. */
async function createRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const { confinedTo, metadata: granted } = await authorizeGrant(config.authorize, request, 'upload', config.route);
  const upload = parseCreateRequest(body);
  enforceUploadPolicy(upload, config);
  await enforceValidate(config.validate, upload, request);
  const problem = partPlanProblem(upload.size, upload.partSize);
  if (problem) throw invalid(`Cannot upload in parts: ${problem}.`);
  const metadata = await resolveMetadata(config, upload, granted, config.route, request);
  const key = await chooseKey(config.key, { ...upload, prefix: confinedTo ?? config.prefix, request }, confinedTo);
  const headers = { 'content-type': upload.contentType, ...metadataHeaders(config.storeMetadata, metadata) };
  const answer = await callS3(config, { method: 'POST', key, query: { uploads: '' }, headers });
  const result = answer.status === 200 ? xmlRoot(answer.text, 'InitiateMultipartUploadResult') : undefined;
  const uploadId = result && childText(result, 'UploadId');
  if (!uploadId) throw s3Failure(answer, 'CreateMultipartUpload');
  const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS;
  const token = await signToken({ key, uploadId, size: upload.size, partSize: upload.partSize, expiresAt, ...(config.route === undefined ? {} : { route: config.route }) }, config.secretAccessKey);
  const completion = await completionField(config, { key, size: upload.size, contentType: upload.contentType, metadata });
  const created: MultipartUpload = { key, uploadId, partSize: upload.partSize, token, ...completion };
  return jsonResponse(200, created);
}

/** `multipart-sign-parts`: presigned UploadPart URLs binding each part's exact size. */
async function signPartsRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const claims = await authorizedUpload(request, config, body);
  const plan = planOf(claims);
  const partNumbers = parsePartNumbers(body);
  const beyond = partNumbers.find((partNumber) => partNumber > plan.partCount);
  if (beyond !== undefined) throw invalid(`Part ${beyond} is beyond the ${plan.partCount} parts of this upload.`);
  const parts = await Promise.all(
    partNumbers.map(async (partNumber) => {
      const size = partLength(plan, partNumber);
      const query = { partNumber: String(partNumber), uploadId: claims.uploadId };
      const url = await presignPut({ ...bucketOf(config), key: claims.key, size, query, expiresIn: config.expiresIn });
      // content-length is listed because it is signed; browsers set it themselves from the body.
      return { partNumber, url, headers: { 'content-length': String(size) } };
    }),
  );
  const answer: SignPartsAnswer = { parts };
  return jsonResponse(200, answer);
}

/** `multipart-list-parts`: the parts the store holds, every page of ListParts. */
async function listPartsRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const claims = await authorizedUpload(request, config, body);
  const parts: UploadedPart[] = [];
  let marker = '0';
  for (;;) {
    const answer = await callS3(config, { method: 'GET', key: claims.key, query: { 'max-parts': '1000', 'part-number-marker': marker, uploadId: claims.uploadId } });
    const result = answer.status === 200 ? xmlRoot(answer.text, 'ListPartsResult') : undefined;
    if (!result) throw s3Failure(answer, 'ListParts');
    for (const part of childElements(result, 'Part')) {
      parts.push({
        partNumber: Number(childText(part, 'PartNumber')),
        etag: childText(part, 'ETag') ?? '',
        size: Number(childText(part, 'Size')),
      });
    }
    const next = childText(result, 'NextPartNumberMarker');
    if (childText(result, 'IsTruncated') !== 'true' || !next || next === marker) break;
    marker = next;
  }
  const listed: ListPartsAnswer = { parts: parts.filter((part) => Number.isSafeInteger(part.partNumber) && part.etag !== '' && Number.isSafeInteger(part.size)) };
  return jsonResponse(200, listed);
}

/** `multipart-complete`: CompleteMultipartUpload with every part, which yields the object's ETag. */
async function completeRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const claims = await authorizedUpload(request, config, body);
  const parts = parseCompleteParts(body);
  const { partCount } = planOf(claims);
  if (parts.length !== partCount) throw invalid(`This upload has ${partCount} parts; "parts" lists ${parts.length}.`);
  const xml = `<CompleteMultipartUpload>${parts
    .map((part) => `<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${escapeXml(part.etag)}</ETag></Part>`)
    .join('')}</CompleteMultipartUpload>`;
  const answer = await callS3(config, { method: 'POST', key: claims.key, query: { uploadId: claims.uploadId }, headers: { 'content-type': 'application/xml' }, body: xml });
  // S3 may answer 200 and still fail: the error then comes in the body, under another root.
  const result = answer.status === 200 ? xmlRoot(answer.text, 'CompleteMultipartUploadResult') : undefined;
  const etag = result && childText(result, 'ETag');
  if (!etag) throw s3Failure(answer, 'CompleteMultipartUpload');
  const completed: CompleteMultipartAnswer = { key: claims.key, etag };
  return jsonResponse(200, completed);
}

/** `multipart-abort`: AbortMultipartUpload; an upload that is already gone counts as aborted. */
async function abortRoute(request: Request, config: ResolvedConfig, body: unknown): Promise<Response> {
  const claims = await authorizedUpload(request, config, body);
  const answer = await callS3(config, { method: 'DELETE', key: claims.key, query: { uploadId: claims.uploadId } });
  if (answer.status >= 300 && answer.status !== 404) throw s3Failure(answer, 'AbortMultipartUpload');
  return jsonResponse(200, {});
}

/** The multipart routes by their `?action=`. */
export const multipartRoutes: Readonly<Record<string, MultipartRoute>> = {
  [MULTIPART_ACTIONS.create]: createRoute,
  [MULTIPART_ACTIONS.signParts]: signPartsRoute,
  [MULTIPART_ACTIONS.listParts]: listPartsRoute,
  [MULTIPART_ACTIONS.complete]: completeRoute,
  [MULTIPART_ACTIONS.abort]: abortRoute,
};
