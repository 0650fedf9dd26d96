import { R2UploadError } from '../errors/upload-error.js';
import { isRecord } from '../protocol/is-record.js';
import type { FileRejection } from './rules.js';

/** The most metadata one file may carry, serialized: the protocol's limit, checked before anything is sent. */
export const MAX_METADATA_BYTES = 4 * 1024;

/** An upload's metadata: a JSON object, checked by the backend's route. */
export type UploadMetadata = Record<string, unknown>;

/** Metadata for the files of an upload: one object for all of them, or a function of each file. */
export type MetadataSource<Metadata = UploadMetadata> = Metadata | ((file: File) => Metadata);

const invalid = (message: string): FileRejection => ({ reason: 'invalid_metadata', message });

function serialized(metadata: UploadMetadata): string | undefined {
  try {
    return JSON.stringify(metadata) as string | undefined;
  } catch {
    // A cycle or a BigInt: not JSON.
    return undefined;
  }
}

/** Why metadata cannot be sent: not a plain object, not JSON, or over 4 KiB; `undefined` when it can (or there is none). */
export function metadataProblem(metadata: unknown): FileRejection | undefined {
  if (metadata === undefined) return undefined;
  if (!isRecord(metadata)) return invalid('The metadata must be a plain object.');
  const json = serialized(metadata);
  if (json === undefined) return invalid('The metadata must be JSON (no cycles, functions or BigInts).');
  if (new TextEncoder().encode(json).length > MAX_METADATA_BYTES) return invalid(`The metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON.`);
  return undefined;
}

/** The metadata of one file: the object, or what the app's function returns for it (a throw is that file's `app_callback_error`). */
export function metadataFor(source: MetadataSource | undefined, file: File): { metadata?: UploadMetadata } | R2UploadError {
  if (typeof source !== 'function') return source === undefined ? {} : { metadata: source };
  try {
    const metadata = source(file);
    return metadata === undefined ? {} : { metadata };
  } catch (thrown) {
    return new R2UploadError('app_callback_error', `The app's metadata function threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`, { cause: thrown });
  }
}
