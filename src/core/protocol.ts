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
  context: { signal: AbortSignal; contentType: string },
) => Promise<UploadTarget>;

/** What a finished upload produced. */
export interface UploadResult {
  /** The object key in the bucket. */
  key: string;
  /** The ETag the store returned, quotes included, treated as opaque. */
  etag: string;
  /** Size in bytes. */
  size: number;
  /** The Content-Type that was signed and sent. */
  contentType: string;
}
