import type { UploadUrlRequest } from '../core/protocol/upload-protocol.js';

/** A Web-standard request handler: runs unchanged on Workers, Node 22 and Next.js route handlers. */
export type UploadHandler = (request: Request) => Promise<Response>;

/** An upload's metadata: a JSON object (at most 4 KiB serialized, as the client sends it). */
export type UploadMetadata = Record<string, unknown>;

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

/**
 * Allows the request. `prefix` confines every key it gets to a prefix (for
 * example `users/42`); `metadata` (for example `{ userId: '42' }`) is merged
 * over the client's validated metadata, so the client cannot forge it.
 */
export interface AuthorizeGrant {
  prefix?: string;
  metadata?: UploadMetadata;
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

/** What `authorize` is told besides the request. */
export interface AuthorizeContext {
  action: HandlerAction;
  /** The route the request names (`undefined` without `routes`, and for list, download and delete). */
  route: string | undefined;
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
  /** 422: a `sign-batch` request has more files than the route's `maxFiles`. */
  | 'too_many_files'
  /** 422: `validate` refused the upload. */
  | 'validation_failed'
  /** 400: `?action=` names no operation. */
  | 'unknown_action'
  /** 400: `routes` are set and the request names none of them. */
  | 'unknown_route'
  /** 400: metadata that is not a JSON object of at most 4 KiB, or sent to a route without a `metadata` validator; 422: the validator refused it. */
  | 'invalid_metadata'
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
