import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import type { AuthorizeFunction, KeyFunction, ServerValidateFunction, UploadMetadata } from './types.js';

/** What a metadata function is told besides the client's metadata. */
export interface MetadataContext {
  /** The file the metadata comes with. */
  upload: UploadUrlRequest;
  /** The route's name (`undefined` without `routes`). */
  route: string | undefined;
  request: Request;
}

/**
 * Checks the client's metadata and returns what to keep. A throw refuses
 * the upload with 422 `invalid_metadata` and the error's message (write
 * messages the user may read).
 */
export type MetadataFunction<Output extends UploadMetadata = UploadMetadata> = (metadata: unknown, context: MetadataContext) => Output | Promise<Output>;

/** A Standard Schema validator (zod, valibot, arktype, ...) of a JSON object, or a {@link MetadataFunction}. */
export type MetadataValidator = StandardSchemaV1<unknown, UploadMetadata> | MetadataFunction;

/** The metadata `onUploadComplete` gets for a validator (`authorize`'s grant merged in). */
export type MetadataOutput<Validator> = Validator extends StandardSchemaV1<unknown, infer Output>
  ? Output
  : Validator extends MetadataFunction<infer Output>
    ? Output
    : UploadMetadata;

/** The metadata the client may send for a validator; `never` for a route that takes none. */
export type MetadataInput<Validator> = Validator extends StandardSchemaV1<infer Input, UploadMetadata>
  ? Input
  : Validator extends MetadataFunction
    ? UploadMetadata
    : never;

/** An upload the handler found in the bucket as it signed it, handed to `onUploadComplete`. */
export interface CompletedUpload<Metadata = UploadMetadata> {
  key: string;
  /** Bytes, as the bucket holds it (equal to the size signed). */
  size: number;
  /** As the bucket holds it (equal to the type signed). */
  contentType: string;
  /** The bucket's ETag, quotes included (equal to the one the client reported). */
  etag: string;
  /** The metadata validated when the upload was signed, with `authorize`'s grant merged in (`{}` for none). */
  metadata: Metadata;
  /** The route the upload was signed for (`undefined` without `routes`). */
  route: string | undefined;
  /** The client's `complete` request (its body has been read): for the user's session, as `authorize` has it. */
  request: Request;
}

/**
 * The app's own code for a stored upload (record it in a database, ...). Its
 * JSON-serializable result (at most 16 KiB) reaches the client as
 * `serverData`. It must be idempotent by `key`: a client that retries a
 * `complete` whose answer was lost runs it again.
 */
export type UploadCompleteFunction = (upload: CompletedUpload) => unknown;

/**
 * What uploads of one kind (a route, or the handler itself without routes)
 * accept and what happens to them. A route inherits every option it does
 * not set from the handler's.
 */
export interface UploadRouteOptions<Validator = MetadataValidator | undefined, Data = unknown> {
  /**
   * Accepted files, exactly as the client's `accept` (the same code checks both): MIME types,
   * wildcards (`image/*`) and extensions (`.pdf`), comma-separated or an array. A type that
   * contradicts the file's extension is refused (415 `type_mismatch`). Default: any.
   */
  accept?: string | string[];
  /** Content-Types that may be uploaded: exact (`application/pdf`) or wildcards (`image/*`, `*\/*`); added to `accept`. */
  allowedContentTypes?: string[];
  /**
   * The largest file in bytes. Default and upper bound: the largest multipart
   * object R2 stores (5 TiB − 5 GiB). Files over 5 GiB − 5 MiB can only be
   * uploaded in parts.
   */
  maxFileSize?: number;
  /** The smallest file in bytes; `1` refuses empty files (422 `file_too_small`). Default 0. */
  minFileSize?: number;
  /**
   * The most files one `sign-batch` request may sign; the files beyond it are
   * refused (422 `too_many_files`). Give the client the same `maxFiles`: it
   * counts the files of its uploader.
   */
  maxFiles?: number;
  /** Your own check, after the rules and before signing; a returned message refuses with 422 `validation_failed`. */
  validate?: ServerValidateFunction;
  /** The prefix default keys go under when `authorize` gives none. Default `uploads`; '' for none. */
  prefix?: string;
  /** Chooses keys instead of `<prefix>/<random id>/<sanitized filename>`. */
  key?: KeyFunction;
  /** Allows, refuses or confines each request (see `AuthorizeResult`). Default: everyone is allowed. */
  authorize?: AuthorizeFunction;
  /** Seconds the URL stays valid: default 600, clamped to 1 second to 7 days (what presigned URLs allow). */
  expiresIn?: number;
  /**
   * Validates the metadata a client sends with each file (a Standard Schema
   * such as a zod schema, or a function). Without it, metadata from the
   * client is refused (400 `invalid_metadata`). What it returns, with
   * `authorize`'s grant `metadata` merged over it, is signed into the
   * upload's completion token, so the client cannot change it afterwards.
   */
  metadata?: Validator;
  /**
   * Also stores the metadata on the object, as `x-amz-meta-<name>` headers
   * signed into the PUT (`true`: every top-level value; or the names to
   * store). Values are strings, URI-encoded (`encodeURIComponent`; other JSON
   * values are stringified first). A bucket's CORS rule must allow these
   * request headers (`AllowedHeaders: ["content-type", "x-amz-meta-*"]`, or `"*"`).
   */
  storeMetadata?: boolean | string[];
  /**
   * Single PUTs sign `If-None-Match: *`, so a presigned URL never replaces an
   * object that exists (the store answers 412). `true` turns that off, for
   * a `key` function that means to overwrite (an avatar per user).
   */
  overwrite?: boolean;
  /**
   * Verified completion. With it, every signed upload carries a `completion`
   * token, and `POST <endpoint>?action=complete` `{ token, etag }` checks the
   * object in the bucket (HEAD: there, with the signed size and Content-Type,
   * and the ETag the client reports) before running this; no webhook is
   * involved. A throw answers 422 `complete_failed` (with the message of an
   * `UploadCompleteError`, else a generic one) and, by default, deletes the
   * object (`onCompleteError`). Must be idempotent by `key`.
   */
  onUploadComplete?(upload: CompletedUpload<MetadataOutput<Validator>>): Data | Promise<Data>;
  /** What happens to the object when `onUploadComplete` fails: `'delete'` (default: nothing unrecorded stays) or `'keep'`. */
  onCompleteError?: 'delete' | 'keep';
}

/** What `serverData` a route's `onUploadComplete` gives (`undefined` for a route without one). */
export type ServerDataOf<Route> = Route extends { onUploadComplete?(upload: never): infer Data } ? Awaited<Data> : undefined;
