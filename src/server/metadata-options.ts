import type { MetadataValidator, UploadRouteOptions } from './route-types.js';
import { isStandardSchema } from './standard-schema.js';

/** What becomes an `x-amz-meta-<name>` header: letters, digits, `-` and `_` (stored lowercase, as S3 does). */
export const METADATA_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** A route's metadata options, checked. */
export interface ResolvedMetadataOptions {
  metadata: MetadataValidator | undefined;
  /** The names of the values stored on the object, `true` for all, `undefined` for none. */
  storeMetadata: true | readonly string[] | undefined;
  /** False signs `If-None-Match: *` into single PUTs. */
  overwrite: boolean;
}

export function resolveMetadataOptions({ metadata, storeMetadata, overwrite = false }: UploadRouteOptions): ResolvedMetadataOptions {
  if (metadata !== undefined && typeof metadata !== 'function' && !isStandardSchema(metadata)) {
    throw new TypeError('"metadata" must be a Standard Schema (zod, valibot, arktype, ...) or a function.');
  }
  if (Array.isArray(storeMetadata) && !storeMetadata.every((name) => typeof name === 'string' && METADATA_NAME.test(name))) {
    throw new TypeError('"storeMetadata" names must be letters, digits, "-" or "_".');
  }
  if (storeMetadata !== undefined && typeof storeMetadata !== 'boolean' && !Array.isArray(storeMetadata)) throw new TypeError('"storeMetadata" must be true or a list of names.');
  if (typeof overwrite !== 'boolean') throw new TypeError('"overwrite" must be true or false.');
  return {
    metadata,
    storeMetadata: storeMetadata === true ? true : Array.isArray(storeMetadata) && storeMetadata.length > 0 ? [...storeMetadata] : undefined,
    overwrite,
  };
}
