import type { ObjectListPage } from '../core/protocol/list-protocol.js';
import type { SignedPart, UploadedPart } from '../core/protocol/multipart-protocol.js';
import type { UploadTarget } from '../core/protocol/upload-protocol.js';
import type { HttpHandler } from 'msw';
import type { ListStoredObjectsOptions } from './list-objects.js';
import type { PendingMultipartUpload } from './multipart-store.js';
import type { StoredObject } from './stored-object.js';

export type { StoredObject } from './stored-object.js';


/** Options of {@link FakeBucket.put}. */
export interface FakeObjectOptions {
  /** Default `application/octet-stream`. */
  contentType?: string;
  /** Default now. */
  lastModified?: Date;
}

/** Which PUTs a queued failure applies to; without either, the next PUT of anything. */
export interface PutMatch {
  /** Only a PUT to this key (a single PUT or a part of an upload to it). */
  key?: string;
  /** Only the PUT of this part number (of any multipart upload, or of the one to `key`). */
  partNumber?: number;
}

/** An error the bucket answers the next PUT (single or part) with. */
export interface BucketFailure extends PutMatch {
  /** HTTP status, e.g. 403 or 503. */
  status: number;
  /** The S3 error code in the XML body, e.g. `SignatureDoesNotMatch`, `SlowDown`. */
  s3Code: string;
  /** The S3 error message; defaults to the one S3 sends with `s3Code`. */
  message?: string;
  /** Seconds to ask the client to wait before retrying (a `Retry-After` header, exposed to the page). */
  retryAfter?: number;
}

/** Options for {@link createFakeBucket}. */
export interface FakeBucketOptions {
  /** The bucket's base URL; objects live at `<url>/<key>`. Default `https://bucket.test`. */
  url?: string;
}

/** An in-memory S3-compatible bucket made of msw handlers. */
export interface FakeBucket {
  /** The bucket's base URL, without a trailing slash. */
  readonly url: string;
  /**
   * The msw handlers: the PUT, a GET that serves stored objects (for download
   * URLs), and their CORS preflight. Pass them to `setupServer`, `setupWorker`
   * or `parameters.msw`.
   */
  readonly handlers: HttpHandler[];
  /** The object stored under `key`, if any. */
  get(key: string): StoredObject | undefined;
  /** Every stored key, in upload order. */
  keys(): string[];
  /** Stores an object directly, as if uploaded (to fill a bucket for a list test or story). */
  put(key: string, body: Uint8Array | string, options?: FakeObjectOptions): StoredObject;
  /** Removes an object; true when there was one. */
  delete(key: string): boolean;
  /** One page of the stored objects, as ListObjectsV2 would list them. */
  list(options: ListStoredObjectsOptions): ObjectListPage;
  /** An upload target for `key`, as a backend would sign it (Content-Type, and Content-Length when `size` is given). */
  presign(key: string, contentType: string, size?: number): UploadTarget;
  /** Every stored object with its key, in upload order. */
  objects(): Array<StoredObject & { key: string }>;
  /**
   * The object most recently stored under a key whose last segment is
   * `filename`: reads an upload back without knowing the random id its key
   * holds (as `createR2UploadHandler`'s default keys do).
   */
  find(filename: string): (StoredObject & { key: string }) | undefined;
  /**
   * Answers the next matching PUT (a single PUT or an UploadPart) with this S3
   * error instead of storing it. Calls queue up: one failure per PUT.
   */
  failNext(failure: BucketFailure): void;
  /** Drops the connection of the next matching PUT (the client sees a network error, status 0), storing nothing. Calls queue up. */
  dropNext(match?: PutMatch): void;
  /** CreateMultipartUpload, as a backend calls it: the new upload's id. */
  createMultipartUpload(key: string, contentType?: string): string;
  /** A presigned UploadPart target for a part, as a backend signs it (Content-Length when `size` is given). */
  presignPart(key: string, uploadId: string, partNumber: number, size?: number): SignedPart;
  /** ListParts: the parts received so far, in part order. Throws a `MultipartError` (404 `NoSuchUpload`) for an unknown upload. */
  listParts(key: string, uploadId: string): UploadedPart[];
  /**
   * CompleteMultipartUpload: stores the object from the listed parts and
   * returns it, its ETag `"<md5 of the part MD5s>-<N>"`. Throws a
   * `MultipartError` (`NoSuchUpload`, `InvalidPart`, `InvalidPartOrder`,
   * `EntityTooSmall`) as R2 refuses.
   */
  completeMultipartUpload(key: string, uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>): StoredObject;
  /** AbortMultipartUpload: forgets the upload and its parts; false when there was none. */
  abortMultipartUpload(key: string, uploadId: string): boolean;
  /** The multipart uploads created and neither completed nor aborted (to check that nothing is left behind). */
  multipartUploads(): PendingMultipartUpload[];
  /**
   * Makes later PUTs, parts included (or with `false`, stops making them) answer as the browser sees a bucket whose CORS
   * rule lacks `ExposeHeaders: ["ETag"]`: the object is stored, but no ETag can be read.
   */
  hideEtag(hidden?: boolean): void;
  /** Waits `ms` milliseconds before answering every later PUT, parts included (0 to stop). */
  delay(ms: number): void;
  /** Forgets objects, multipart uploads, queued failures, delay and hidden ETag. */
  reset(): void;
}
