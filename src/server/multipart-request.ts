import { MAX_PARTS_PER_SIGN_REQUEST, type CreateMultipartRequest } from '../core/protocol/multipart-protocol.js';
import { invalid } from './http-error.js';
import { parseUploadRequest, record } from './upload-request.js';

const isPartNumber = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** `{ filename, contentType, size, partSize }` for `multipart-create`. */
export function parseCreateRequest(value: unknown): CreateMultipartRequest {
  const upload = parseUploadRequest(value);
  const { partSize } = record(value);
  if (!Number.isSafeInteger(partSize) || (partSize as number) <= 0) throw invalid('"partSize" must be the part size in bytes.');
  return { ...upload, partSize: partSize as number };
}

/** The `{ key, uploadId, token }` every later multipart request carries. */
export interface UploadReference {
  key: string;
  uploadId: string;
  token: unknown;
}

/** Reads `{ key, uploadId, token }`; the token itself is checked by `verifyToken`. */
export function parseReference(value: unknown): UploadReference {
  const { key, uploadId, token } = record(value);
  if (typeof key !== 'string' || key === '') throw invalid('"key" must be the key multipart-create answered with.');
  if (typeof uploadId !== 'string' || uploadId === '') throw invalid('"uploadId" must be the uploadId multipart-create answered with.');
  return { key, uploadId, token };
}

/** `partNumbers` for `multipart-sign-parts`: 1 to 100 distinct part numbers. */
export function parsePartNumbers(value: unknown): number[] {
  const { partNumbers } = record(value);
  if (!Array.isArray(partNumbers) || partNumbers.length === 0 || partNumbers.length > MAX_PARTS_PER_SIGN_REQUEST || !partNumbers.every(isPartNumber)) {
    throw invalid(`"partNumbers" must be 1 to ${MAX_PARTS_PER_SIGN_REQUEST} part numbers (1, 2, …).`);
  }
  if (new Set(partNumbers).size !== partNumbers.length) throw invalid('"partNumbers" lists a part twice.');
  return partNumbers;
}

/** `parts` for `multipart-complete`: every part, in order, each with its ETag. */
export function parseCompleteParts(value: unknown): Array<{ partNumber: number; etag: string }> {
  const { parts } = record(value);
  if (!Array.isArray(parts) || parts.length === 0) throw invalid('"parts" must list every part: [{ "partNumber", "etag" }].');
  return parts.map((part, index) => {
    const { partNumber, etag } = record(part);
    if (partNumber !== index + 1) throw invalid('"parts" must list every part once, in order, from 1.');
    if (typeof etag !== 'string' || etag === '' || etag.length > 1024) throw invalid(`Part ${index + 1} needs the "etag" the store answered with.`);
    return { partNumber, etag };
  });
}
