import { MAX_MULTIPART_OBJECT_BYTES, MAX_SINGLE_PUT_BYTES } from '../core/protocol/r2-limits.js';
import { isValidContentTypePattern } from './content-type.js';
import { resolveFeatures, type ResolvedFeatures } from './features.js';
import { normalizePrefix } from './object-key.js';
import { parseUrl } from './parse-url.js';
import { resolveAllowedOrigins, resolveRules } from './resolve-rules.js';
import type { R2UploadHandlerOptions } from './handler-options.js';
import { resolveMetadataOptions, type ResolvedMetadataOptions } from './metadata-options.js';
import type { MetadataValidator, UploadCompleteFunction } from './route-types.js';
import type { AuthorizeFunction, KeyFunction, ServerValidateFunction } from './types.js';

/** Presigned URLs live 1 second to 7 days (SigV4 and R2 limits). */
export const MIN_EXPIRES_IN = 1;
export const MAX_EXPIRES_IN = 604_800;
export const DEFAULT_EXPIRES_IN = 600;

/** The largest single PUT R2 accepts: 5 GiB less 5 MiB (larger files go multipart). */
export { MAX_SINGLE_PUT_BYTES };

export const DEFAULT_PREFIX = 'uploads';
export const DEFAULT_REGION = 'auto';

/** The options of one route (or of the handler without routes), checked and with every default applied. */
export interface ResolvedConfig extends ResolvedMetadataOptions {
  /** The route's name; `undefined` for the handler's own options. */
  route: string | undefined;
  /** Without a trailing slash. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  expiresIn: number;
  /** `undefined` allows any type. */
  allowedContentTypes: readonly string[] | undefined;
  maxFileSize: number;
  /** The `accept` entries (checked with `allowedContentTypes`); both empty accept any file. */
  accept: readonly string[];
  minFileSize: number;
  /** The most files one `sign-batch` request may sign; `undefined` for no limit. */
  maxFiles: number | undefined;
  validate: ServerValidateFunction | undefined;
  /** `undefined` checks no Origin. */
  allowedOrigins: readonly string[] | undefined;
  prefix: string;
  key: KeyFunction | undefined;
  authorize: AuthorizeFunction | undefined;
  signingKeyCache: Map<string, ArrayBuffer>;
  /** Listing, downloads and deletes: each off unless enabled. */
  features: ResolvedFeatures;
  /** Verified completion: `undefined` signs no completion tokens. */
  onUploadComplete: UploadCompleteFunction | undefined;
  deleteOnCompleteError: boolean;
}

/** A whole number of seconds within what presigned URLs allow; the default for anything unusable. */
export function clampExpiresIn(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_EXPIRES_IN;
  return Math.min(MAX_EXPIRES_IN, Math.max(MIN_EXPIRES_IN, Math.floor(value)));
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`"${name}" must be a non-empty string.`);
  return value;
}

function resolveEndpoint(value: unknown): string {
  const endpoint = requireString(value, 'endpoint');
  const url = parseUrl(endpoint);
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new TypeError(`"endpoint" must be an http(s) URL without a query or fragment, not ${JSON.stringify(endpoint)}.`);
  }
  return url.href.replace(/\/+$/, '');
}

function resolveBucket(value: unknown): string {
  const bucket = requireString(value, 'bucket');
  if (bucket.includes('/')) throw new TypeError('"bucket" is the bucket name alone, without "/" (put the path in "endpoint").');
  return bucket;
}

function resolveAllowedContentTypes(value: string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const invalid = value.filter((pattern) => typeof pattern !== 'string' || !isValidContentTypePattern(pattern));
  if (invalid.length > 0) {
    throw new TypeError(`"allowedContentTypes" has entries that are not type/subtype, type/* or */*: ${invalid.join(', ')}`);
  }
  return [...value];
}

function resolveMaxFileSize(value: number | undefined): number {
  if (value === undefined) return MAX_MULTIPART_OBJECT_BYTES;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new TypeError('"maxFileSize" must be a number of bytes, 0 or more.');
  return Math.min(Math.floor(value), MAX_MULTIPART_OBJECT_BYTES);
}

/**
 * Checks the options and applies defaults. Throws a `TypeError` naming the
 * bad option; the handler turns that into a 500 per request rather than
 * throwing at creation, because frameworks import route modules at build time
 * when the secrets are often not set.
 */
export function resolveConfig(options: R2UploadHandlerOptions, route?: string, signingKeyCache = new Map<string, ArrayBuffer>()): ResolvedConfig {
  return {
    route,
    endpoint: resolveEndpoint(options.endpoint),
    bucket: resolveBucket(options.bucket),
    accessKeyId: requireString(options.accessKeyId, 'accessKeyId'),
    secretAccessKey: requireString(options.secretAccessKey, 'secretAccessKey'),
    region: options.region === undefined ? DEFAULT_REGION : requireString(options.region, 'region'),
    expiresIn: clampExpiresIn(options.expiresIn),
    allowedContentTypes: resolveAllowedContentTypes(options.allowedContentTypes),
    maxFileSize: resolveMaxFileSize(options.maxFileSize),
    ...resolveRules(options),
    allowedOrigins: resolveAllowedOrigins(options.allowedOrigins),
    prefix: normalizePrefix(options.prefix ?? DEFAULT_PREFIX),
    key: options.key,
    authorize: options.authorize,
    signingKeyCache,
    features: resolveFeatures(options),
    ...resolveCompletion(options),
    ...resolveMetadataOptions(options),
  };
}

/** `onUploadComplete` must be a function, and `onCompleteError` one of its two words. */
function resolveCompletion({ onUploadComplete, onCompleteError = 'delete' }: R2UploadHandlerOptions): Pick<ResolvedConfig, 'onUploadComplete' | 'deleteOnCompleteError'> {
  if (onUploadComplete !== undefined && typeof onUploadComplete !== 'function') throw new TypeError('"onUploadComplete" must be a function.');
  if (onCompleteError !== 'delete' && onCompleteError !== 'keep') throw new TypeError('"onCompleteError" must be "delete" or "keep".');
  return { onUploadComplete, deleteOnCompleteError: onCompleteError === 'delete' };
}
