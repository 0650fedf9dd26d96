import { isRecord } from '../core/protocol/is-record.js';
import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import { HttpError } from './http-error.js';
import { METADATA_NAME, type ResolvedMetadataOptions } from './metadata-options.js';
import { describeIssues, isStandardSchema } from './standard-schema.js';
import type { UploadMetadata } from './types.js';
import { dropLoneSurrogates, utf8Length } from './utf8.js';

/** The most metadata a client may send with one file, serialized. */
export const MAX_METADATA_BYTES = 4 * 1024;

/** Metadata with `authorize`'s grant merged in travels in the completion token: twice the client's share leaves the grant room. */
const MAX_BOUND_METADATA_BYTES = 2 * MAX_METADATA_BYTES;

function invalidMetadata(status: 400 | 422, message: string): HttpError {
  return new HttpError(status, 'invalid_metadata', message);
}

/** The `metadata` field of a request: absent, or a JSON object of at most 4 KiB (else 400 `invalid_metadata`). */
export function parseClientMetadata(value: unknown): UploadMetadata | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw invalidMetadata(400, '"metadata" must be a JSON object.');
  if (utf8Length(JSON.stringify(value)) > MAX_METADATA_BYTES) throw invalidMetadata(400, `"metadata" must be at most ${MAX_METADATA_BYTES} bytes of JSON.`);
  return value;
}

/** The validator's verdict on the client's metadata: what to keep, or a 422 `invalid_metadata` with the reason. */
async function validated(options: ResolvedMetadataOptions, upload: UploadUrlRequest, route: string | undefined, request: Request): Promise<unknown> {
  const { metadata: validator } = options;
  if (!validator) {
    if (upload.metadata !== undefined) throw invalidMetadata(400, 'This upload takes no metadata: give its route a "metadata" validator.');
    return {};
  }
  if (isStandardSchema(validator)) {
    const result = await validator['~standard'].validate(upload.metadata);
    if (result.issues) throw invalidMetadata(422, `The metadata is invalid: ${describeIssues(result.issues)}`);
    return result.value;
  }
  try {
    return await validator(upload.metadata, { upload, route, request });
  } catch (error) {
    throw invalidMetadata(422, error instanceof Error && error.message ? error.message : 'The metadata is invalid.');
  }
}

/**
 * The metadata an upload is signed with: the client's, as the route's
 * validator returns it, with `authorize`'s grant merged over it (so a
 * client cannot forge the user's id).
 */
export async function resolveMetadata(
  options: ResolvedMetadataOptions,
  upload: UploadUrlRequest,
  grant: UploadMetadata | undefined,
  route: string | undefined,
  request: Request,
): Promise<UploadMetadata> {
  const value = await validated(options, upload, route, request);
  if (!isRecord(value)) throw new HttpError(500, 'server_misconfigured', 'The metadata validator returned something other than an object.');
  const merged = { ...value, ...grant };
  const json = JSON.stringify(merged) as string | undefined;
  if (json === undefined || utf8Length(json) > MAX_BOUND_METADATA_BYTES) {
    throw new HttpError(500, 'server_misconfigured', `The validated metadata must be JSON of at most ${MAX_BOUND_METADATA_BYTES} bytes.`);
  }
  return JSON.parse(json) as UploadMetadata;
}

/** `x-amz-meta-*` headers for the values `storeMetadata` names, URI-encoded (header values must be ASCII). */
export function metadataHeaders(store: ResolvedMetadataOptions['storeMetadata'], metadata: UploadMetadata): Record<string, string> {
  if (!store) return {};
  const names = store === true ? Object.keys(metadata) : store.filter((name) => Object.hasOwn(metadata, name));
  const headers: Record<string, string> = {};
  for (const name of names) {
    if (!METADATA_NAME.test(name)) throw invalidMetadata(400, `The metadata "${name.slice(0, 50)}" cannot be stored on the object: names are letters, digits, "-" or "_".`);
    const value = metadata[name];
    if (value === undefined || value === null) continue;
    headers[`x-amz-meta-${name.toLowerCase()}`] = encodeURIComponent(dropLoneSurrogates(typeof value === 'string' ? value : JSON.stringify(value)));
  }
  return headers;
}
