import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import { isValidContentType } from './content-type.js';
import { invalid } from './http-error.js';
import { parseClientMetadata } from './upload-metadata.js';

/** The body as an object, or a 400 naming the shape expected. */
export function record(value: unknown, shape = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`The request body must be a JSON object${shape}.`);
  return value as Record<string, unknown>;
}

/**
 * Checks the client's `{ filename, contentType, size, metadata? }`; other fields are
 * ignored so that newer clients can send more. The Content-Type is trimmed
 * because fetch trims header values: the type signed must be the type sent.
 */
export function parseUploadRequest(value: unknown): UploadUrlRequest {
  const { filename, contentType, size, metadata } = record(value, ': { "filename", "contentType", "size" }');
  if (typeof filename !== 'string' || filename.trim() === '') throw invalid('"filename" must be a non-empty string.');
  if (typeof contentType !== 'string' || !isValidContentType(contentType.trim())) {
    throw invalid('"contentType" must be a media type such as "image/png".');
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw invalid('"size" must be the file size in bytes: a whole number, 0 or more.');
  }
  const checked = parseClientMetadata(metadata);
  return { filename, contentType: contentType.trim(), size, ...(checked === undefined ? {} : { metadata: checked }) };
}
