/**
 * The JSON protocol between the browser and any backend that signs uploads.
 * A Python, Go or Rails backend implements exactly these shapes (see the README).
 */

/** What the client POSTs to the backend's endpoint to ask for an upload URL. */
export interface UploadUrlRequest {
  /** The file's name as the user picked it; the backend decides the key. */
  filename: string;
  /** The Content-Type the client will send; the backend signs it. */
  contentType: string;
  /** The exact size in bytes; the backend signs it as Content-Length. */
  size: number;
  /** The app's JSON metadata for this file (at most 4 KiB serialized), checked by the backend's route. */
  metadata?: Record<string, unknown>;
}

/**
 * With routes on the backend, every POST body of the protocol (each
 * action's) names one, as `"route"` beside its other fields.
 */
export interface RoutedRequest {
  route?: string;
}

/** The backend's 200 answer: where and how to PUT the file. */
export interface UploadTarget {
  /** The presigned URL. */
  url: string;
  /** Always `PUT` for a single-request upload. */
  method: 'PUT';
  /**
   * Every header the client must send because it was signed, for example
   * `content-type`. Headers the browser sets itself (`content-length`, `host`)
   * may be listed; the client never tries to set them.
   */
  headers: Record<string, string>;
  /** The object key the backend chose. */
  key: string;
  /**
   * Present when the backend verifies completed uploads (`onUploadComplete`):
   * the token to send to `POST <endpoint>?action=complete` once the bytes are stored.
   */
  completion?: string;
}

/** The backend's non-2xx answer. */
export interface ProtocolErrorBody {
  error: { code: string; message: string };
}

/**
 * Asks the app's own backend for an upload target, for apps whose backend is
 * not a plain JSON endpoint (a server action, a tRPC call, ...).
 */
export type GetUploadUrl = (
  file: File,
  context: { signal: AbortSignal; contentType: string; metadata?: Record<string, unknown> },
) => Promise<UploadTarget>;

/** What a finished upload produced. */
export interface UploadResult<ServerData = unknown> {
  /** The object key in the bucket. */
  key: string;
  /** The ETag the store returned, quotes included, treated as opaque. */
  etag: string;
  /** Size in bytes. */
  size: number;
  /** The Content-Type that was signed and sent. */
  contentType: string;
  /** With a backend that verifies completions: what its `onUploadComplete` returned (JSON). */
  serverData?: ServerData;
}

/** A transfer's outcome before completion: the result, and the backend's completion token when it asked for one. */
export interface StoredUpload extends UploadResult {
  completion?: string;
}

/**
 * Batch signing: `POST <endpoint>?action=sign-batch` with `{ files: [...] }`
 * signs up to {@link MAX_FILES_PER_SIGN_BATCH} single PUTs in one round trip.
 * A backend that does not implement it answers 400, 404, 405 or 501 and the
 * client falls back to one request per file.
 */
export const SIGN_BATCH_ACTION = 'sign-batch';

/**
 * Verified completion: once the bytes are stored (a single PUT, or
 * `multipart-complete`), `POST <endpoint>?action=complete` with
 * {@link CompleteUploadRequest} lets the backend check the object in the
 * bucket itself and run the app's own code for it.
 */
export const COMPLETE_ACTION = 'complete';

/** `complete`: what the client POSTs. */
export interface CompleteUploadRequest {
  /** The `completion` token of the upload target, or of the `multipart-create` answer. */
  token: string;
  /** The ETag the store answered the upload with, quotes included. */
  etag: string;
}

/** `complete`: the backend's 200 answer, after the object was checked and the app's code ran. */
export interface CompleteUploadAnswer {
  key: string;
  etag: string;
  /** What the app's `onUploadComplete` returned (JSON), absent when it returned nothing. */
  serverData?: unknown;
}

/** The most files one `sign-batch` request may carry. */
export const MAX_FILES_PER_SIGN_BATCH = 100;

/** `sign-batch`: what the client POSTs. */
export interface SignBatchRequest {
  files: UploadUrlRequest[];
}

/** One file the backend refused; the rest of the batch is unaffected. */
export interface SignBatchRefusal extends ProtocolErrorBody {
  /** The HTTP status a single request for this file would have got (for example 415 or 413). */
  status: number;
}

/**
 * The backend's 200 answer: one entry per requested file, same order and
 * length; an entry is an upload target or a refusal (`"error" in entry`).
 * Failures of the whole request (401, 403, a malformed body) answer with an
 * error status and a `ProtocolErrorBody`, as a single request would.
 */
export interface SignBatchAnswer {
  files: Array<UploadTarget | SignBatchRefusal>;
}

/**
 * Signs many single PUTs in one call, for apps whose backend is not a plain
 * JSON endpoint: one entry per file, same order, each a target or a refusal.
 */
export type GetUploadUrls = (
  files: readonly File[],
  context: { signal: AbortSignal; contentTypes: readonly string[] },
) => Promise<Array<UploadTarget | SignBatchRefusal>>;
