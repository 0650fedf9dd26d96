import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';

/** A Web-standard request handler: runs unchanged on Workers, Node 22 and Next.js route handlers. */
export type UploadHandler = (request: Request) => Promise<Response>;

/** What a custom `key` function gets to choose an object key from. */
export interface KeyContext {
  /** The file name exactly as the client sent it (unsanitized: pass it through `sanitizeFilename`). */
  filename: string;
  /** The Content-Type that will be signed. */
  contentType: string;
  /** The exact size in bytes that will be signed. */
  size: number;
  /** The prefix keys go under: the one `authorize` returned, else the `prefix` option ('' for none). */
  prefix: string;
  /** The incoming request (its body has already been read). */
  request: Request;
}

/** Chooses the object key. Its result is checked like any key and must stay inside `authorize`'s prefix. */
export type KeyFunction = (context: KeyContext) => string | Promise<string>;

/** Allows the request and confines every key it gets to `prefix` (for example `users/42`). */
export interface AuthorizeGrant {
  prefix: string;
}

/** Refuses the request with 401 or 403 and, optionally, the code and message the client sees. */
export interface AuthorizeRefusal {
  status: 401 | 403;
  code?: string;
  message?: string;
}

/**
 * What `authorize` decides: `true` or nothing allows, `false` refuses with 401,
 * a grant allows under a prefix, a refusal picks its own status and message.
 */
export type AuthorizeResult = boolean | undefined | void | AuthorizeGrant | AuthorizeRefusal;

/** What a request asks to do: sign an upload, complete one (with `onUploadComplete`), or (when enabled) list, download or delete objects. */
export type HandlerAction = 'upload' | 'complete' | 'list' | 'download' | 'delete';

/** An upload the handler found in the bucket as it signed it, handed to `onUploadComplete`. */
export interface CompletedUpload {
  key: string;
  /** Bytes, as the bucket holds it (equal to the size signed). */
  size: number;
  /** As the bucket holds it (equal to the type signed). */
  contentType: string;
  /** The bucket's ETag, quotes included (equal to the one the client reported). */
  etag: string;
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

/** What `authorize` is told besides the request. */
export interface AuthorizeContext {
  action: HandlerAction;
}

/**
 * Decides whether a request may go on, and within which prefix. Runs before
 * the body is read, so it must not read the body. The prefix it grants scopes
 * every action: uploads get keys under it, and only objects under it can be
 * listed, downloaded or deleted.
 */
export type AuthorizeFunction = (request: Request, context: AuthorizeContext) => AuthorizeResult | Promise<AuthorizeResult>;

/** The app's own check of a requested upload (quota, names, ...): return why it is refused (422), or nothing to allow it. */
export type ServerValidateFunction = (
  upload: UploadUrlRequest,
  request: Request,
) => string | null | undefined | void | Promise<string | null | undefined | void>;

/** Options of `createR2UploadHandler`. */
export interface R2UploadHandlerOptions {
  /**
   * The S3 API base URL without the bucket, for example
   * `https://<ACCOUNT_ID>.r2.cloudflarestorage.com`. It may have a path (Miniflare's
   * `http://127.0.0.1:<port>/cdn-cgi/local/r2/s3`). URLs are path-style: `<endpoint>/<bucket>/<key>`.
   */
  endpoint: string;
  /** The bucket name. */
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The SigV4 region. R2 uses `auto` (the default). */
  region?: string;
  /** Seconds the URL stays valid: default 600, clamped to 1 second to 7 days (what presigned URLs allow). */
  expiresIn?: number;
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
  /** Your own check, after the rules and before signing; a returned message refuses with 422 `validation_failed`. */
  validate?: ServerValidateFunction;
  /**
   * Origins allowed to make state-changing requests (POST, PUT, PATCH, DELETE), for example
   * `['https://app.example']`. Such requests without a matching `Origin` header get 403
   * `origin_not_allowed`: set it when `authorize` trusts cookies (CSRF). Default: not checked.
   */
  allowedOrigins?: string[];
  /** The prefix default keys go under when `authorize` gives none. Default `uploads`; '' for none. */
  prefix?: string;
  /** Chooses keys instead of `<prefix>/<random id>/<sanitized filename>`. */
  key?: KeyFunction;
  /** Allows, refuses or confines each request (see `AuthorizeResult`). Default: everyone is allowed. */
  authorize?: AuthorizeFunction;
  /**
   * Answers `GET <endpoint>?prefix=&cursor=&limit=&delimiter=` with the objects
   * in the caller's scope (`authorize`'s prefix, else `prefix`). Default `false`:
   * default keys are unguessable, and listing would reveal them.
   */
  list?: boolean;
  /**
   * Answers `GET <endpoint>/download?key=` with a presigned GET URL: JSON for
   * `Accept: application/json`, else a redirect to it (a plain link downloads).
   * `expiresIn`: seconds, default 300.
   * Default `false`.
   */
  download?: boolean | { expiresIn?: number };
  /** Answers `DELETE <endpoint>?key=` by deleting the object, server-side. Default `false`. */
  delete?: boolean;
  /**
   * Verified completion. With it, every signed upload carries a `completion`
   * token, and `POST <endpoint>?action=complete` `{ token, etag }` checks the
   * object in the bucket (HEAD: there, with the signed size and Content-Type,
   * and the ETag the client reports) before running this; no webhook is
   * involved. A throw answers 422 `complete_failed` (with the message of an
   * `UploadCompleteError`, else a generic one) and, by default, deletes the
   * object (`onCompleteError`).
   */
  onUploadComplete?: UploadCompleteFunction;
  /** What happens to the object when `onUploadComplete` fails: `'delete'` (default: nothing unrecorded stays) or `'keep'`. */
  onCompleteError?: 'delete' | 'keep';
}

/** Every `error.code` the handler answers with. */
export type UploadHandlerErrorCode =
  /** 400: the body is not JSON, or larger than 16 KiB. */
  | 'invalid_json'
  | 'request_too_large'
  /** 400: a field is missing or has the wrong shape. */
  | 'invalid_request'
  /** 401 / 403 from `authorize` (which may choose other codes); 403 for a prefix or key outside the caller's scope. */
  | 'unauthorized'
  | 'forbidden'
  /** 405: only POST signs uploads; GET and DELETE answer when `list`, `download` or `delete` are on. */
  | 'method_not_allowed'
  /** 404: the download route is off, or the object to download does not exist. */
  | 'not_found'
  /** 502: the store refused the handler's own call, or could not be reached (its S3 code is in the message and the log). */
  | 'store_error'
  /** 403: `allowedOrigins` is set and the request's Origin is not in it. */
  | 'origin_not_allowed'
  /** 413: the file is larger than `maxFileSize`. */
  | 'file_too_large'
  /** 415: neither the Content-Type nor the extension is in `accept` / `allowedContentTypes`. */
  | 'content_type_not_allowed'
  /** 415: the Content-Type contradicts the file name's extension. */
  | 'type_mismatch'
  /** 422: the file is smaller than `minFileSize`. */
  | 'file_too_small'
  /** 422: `validate` refused the upload. */
  | 'validation_failed'
  /** 400: `?action=` names no operation. */
  | 'unknown_action'
  /** 400: a multipart or completion token is missing, forged, expired, or for another upload. */
  | 'invalid_token'
  /** 409: `complete` before the object is in the bucket (or after it was deleted). */
  | 'upload_incomplete'
  /** 409: the object in the bucket differs from what was signed, or from the ETag the client reports. */
  | 'object_mismatch'
  /** 422: `onUploadComplete` threw, or returned something that is not JSON of at most 16 KiB. */
  | 'complete_failed'
  /** 404: the multipart upload is gone (completed, aborted, or expired). */
  | 'no_such_upload'
  /** 400: a part is missing or its ETag does not match. */
  | 'invalid_part'
  /** 501: the store does not implement the operation (Miniflare has no ListParts). */
  | 'not_implemented'
  /** 503: the store is busy or failing (the client retries it, after its Retry-After). */
  | 'store_unavailable'
  /** 500: the handler's options, `authorize`'s prefix or the `key` function's result are unusable. */
  | 'server_misconfigured'
  | 'invalid_key'
  | 'internal_error';
