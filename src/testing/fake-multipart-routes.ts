import { HttpResponse } from 'msw';
import {
  MAX_PARTS_PER_SIGN_REQUEST,
  MULTIPART_ACTIONS,
  type CompleteMultipartAnswer,
  type ListPartsAnswer,
  type MultipartUpload,
  type SignPartsAnswer,
} from '../core/protocol/multipart-protocol.js';
import { partLength, partPlanProblem, type PartPlan } from '../core/policy/part-plan.js';
import type { FakeBucket } from './fake-bucket.js';
import { badRequest, errorResponse, isRecord, isUploadUrlRequest, type BackendRejection } from './fake-protocol.js';
import { MultipartError } from './multipart-store.js';

/** What the multipart routes need from the fake backend's options. */
export interface FakeMultipartContext {
  bucket: FakeBucket;
  keyFor: (request: { filename: string; contentType: string; size: number }) => string;
  reject: (request: { filename: string; contentType: string; size: number }) => BackendRejection | undefined;
  /** The completion token of an upload, when the fake backend verifies completions. */
  completionFor?: (upload: { key: string; size: number; contentType: string }) => string;
}

type Route = (body: unknown, context: FakeMultipartContext, plans: Map<string, PartPlan>) => Response;

const INVALID_PART: BackendRejection = { status: 400, code: 'invalid_part', message: 'A part is missing, out of order, under 5 MiB (but the last), or its ETag does not match.' };

/** The answers `createR2UploadHandler` gives for the same store refusals. */
const REFUSALS: Readonly<Record<string, BackendRejection>> = {
  NoSuchUpload: { status: 404, code: 'no_such_upload', message: 'The multipart upload does not exist: it was completed, aborted, or expired.' },
  InvalidPart: INVALID_PART,
  InvalidPartOrder: INVALID_PART,
  EntityTooSmall: INVALID_PART,
};

/** Runs a bucket call, answering its S3 refusal as the real handler would. */
function storeCall(call: () => Response): Response {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    return errorResponse(REFUSALS[error.s3Code] ?? { status: 502, code: 'store_error', message: `The store refused (${error.status} ${error.s3Code}).` });
  }
}

function reference(body: unknown): { key: string; uploadId: string } | undefined {
  if (!isRecord(body) || typeof body.key !== 'string' || typeof body.uploadId !== 'string') return undefined;
  return { key: body.key, uploadId: body.uploadId };
}

const create: Route = (body, { bucket, keyFor, reject, completionFor }, plans) => {
  const partSize = isRecord(body) ? body.partSize : undefined;
  if (!isUploadUrlRequest(body) || typeof partSize !== 'number' || !Number.isSafeInteger(partSize)) return badRequest('Send { filename, contentType, size, partSize }.');
  const request = { filename: body.filename, contentType: body.contentType, size: body.size };
  const rejection = reject(request);
  if (rejection) return errorResponse(rejection);
  const problem = partPlanProblem(body.size, partSize);
  if (problem) return badRequest(`Cannot upload in parts: ${problem}.`);
  const key = keyFor(request);
  const uploadId = bucket.createMultipartUpload(key, body.contentType);
  plans.set(uploadId, { size: body.size, partSize, partCount: Math.max(1, Math.ceil(body.size / partSize)) });
  const completion = completionFor?.({ key, size: body.size, contentType: body.contentType });
  const answer: MultipartUpload = { key, uploadId, partSize, ...(completion ? { completion } : {}) };
  return HttpResponse.json(answer);
};

const signParts: Route = (body, { bucket }, plans) => {
  const ref = reference(body);
  const partNumbers = isRecord(body) ? body.partNumbers : undefined;
  if (!ref || !Array.isArray(partNumbers) || partNumbers.length === 0 || partNumbers.length > MAX_PARTS_PER_SIGN_REQUEST) {
    return badRequest(`Send { key, uploadId, partNumbers } with 1 to ${MAX_PARTS_PER_SIGN_REQUEST} part numbers.`);
  }
  const plan = plans.get(ref.uploadId);
  return storeCall(() => {
    bucket.listParts(ref.key, ref.uploadId);
    if (!plan) throw new MultipartError(404, 'NoSuchUpload', 'Unknown upload.');
    const beyond = partNumbers.find((n) => !Number.isSafeInteger(n) || (n as number) < 1 || (n as number) > plan.partCount);
    if (beyond !== undefined) return badRequest(`Part ${String(beyond)} is not one of the ${plan.partCount} parts of this upload.`);
    const answer: SignPartsAnswer = {
      parts: (partNumbers as number[]).map((n) => bucket.presignPart(ref.key, ref.uploadId, n, partLength(plan, n))),
    };
    return HttpResponse.json(answer);
  });
};

const listParts: Route = (body, { bucket }) => {
  const ref = reference(body);
  if (!ref) return badRequest('Send { key, uploadId }.');
  return storeCall(() => HttpResponse.json<ListPartsAnswer>({ parts: bucket.listParts(ref.key, ref.uploadId) }));
};

const complete: Route = (body, { bucket }, plans) => {
  const ref = reference(body);
  const parts = isRecord(body) ? body.parts : undefined;
  if (!ref || !Array.isArray(parts) || !parts.every((part) => isRecord(part) && typeof part.partNumber === 'number' && typeof part.etag === 'string')) {
    return badRequest('Send { key, uploadId, parts: [{ partNumber, etag }] }.');
  }
  return storeCall(() => {
    const { etag } = bucket.completeMultipartUpload(ref.key, ref.uploadId, parts as Array<{ partNumber: number; etag: string }>);
    plans.delete(ref.uploadId);
    return HttpResponse.json<CompleteMultipartAnswer>({ key: ref.key, etag });
  });
};

const abort: Route = (body, { bucket }, plans) => {
  const ref = reference(body);
  if (!ref) return badRequest('Send { key, uploadId }.');
  // An upload already gone counts as aborted, as on the real handler.
  bucket.abortMultipartUpload(ref.key, ref.uploadId);
  plans.delete(ref.uploadId);
  return HttpResponse.json({});
};

/** The fake backend's multipart operations by their `?action=`, as `createR2UploadHandler` answers them. */
export const fakeMultipartRoutes: Readonly<Record<string, Route>> = {
  [MULTIPART_ACTIONS.create]: create,
  [MULTIPART_ACTIONS.signParts]: signParts,
  [MULTIPART_ACTIONS.listParts]: listParts,
  [MULTIPART_ACTIONS.complete]: complete,
  [MULTIPART_ACTIONS.abort]: abort,
};
