/**
 * The JSON protocol for listing, downloading and deleting objects, next to
 * the upload protocol in `protocol.ts`. Keys are always full object keys, the
 * same strings upload results carry in `key` (see the README).
 */

/** One object in a listing. */
export interface ListedObject {
  /** The full object key, as in `UploadResult.key`. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** The ETag as the store sends it, quotes included; opaque. */
  etag: string;
  /** When the object was last written, as an ISO 8601 string. */
  lastModified: string;
}

/** What the backend lets the client do besides listing. */
export interface ObjectListCapabilities {
  /** `GET <endpoint>/download?key=` answers a presigned GET URL. */
  download: boolean;
  /** `DELETE <endpoint>?key=` deletes an object. */
  delete: boolean;
}

/** The query of `GET <endpoint>`: every field is optional. */
export interface ObjectListRequest {
  /** A full key prefix inside the caller's scope; default the scope itself. */
  prefix?: string;
  /** The `cursor` of the previous page. */
  cursor?: string;
  /** Objects per page: 1 to 1,000 (larger values are capped). */
  limit?: number;
  /** `/` groups keys into "folders", returned as `prefixes`. */
  delimiter?: '/';
}

/** The backend's 200 answer to `GET <endpoint>`: one page, in key order. */
export interface ObjectListPage {
  objects: ListedObject[];
  /** With a delimiter: the "folders" directly under `prefix`, as full prefixes ending in `/`. */
  prefixes: string[];
  /** The prefix that was listed: the requested one, or the caller's scope (`''` for the whole bucket). */
  prefix: string;
  /** Present when there are more pages: pass it back as `cursor`. */
  cursor?: string;
  /** Absent from backends that do not say: nothing but listing is then offered. */
  capabilities?: ObjectListCapabilities;
}

/** The backend's JSON answer to `GET <endpoint>/download?key=`. */
export interface DownloadTarget {
  /** A presigned GET URL; it starts the download when opened. */
  url: string;
  key: string;
  /** When `url` stops working, as an ISO 8601 string. */
  expiresAt: string;
}
