import type { ClientRules } from '../policy/admission.js';
import type { UploadPool } from '../transport/connection-pool.js';
import type { R2UploadError } from '../errors/upload-error.js';
import type { MultipartBackend } from '../protocol/multipart-protocol.js';
import type { GetUploadUrl, GetUploadUrls, UploadResult } from '../protocol/upload-protocol.js';
import type { UploadRules } from '../protocol/rules-protocol.js';
import type { UploadUrlPolicy } from '../policy/url-checks.js';
import type { R2UploadWarning } from '../errors/warnings.js';
import type { ResumeStore } from './resume-store.js';
import type { RetryOptions } from '../policy/retry-policy.js';
import type { MetadataSource, UploadMetadata } from '../policy/upload-metadata.js';
import type { ImageOptions } from '../policy/image-options.js';

/**
 * Where an upload is in its life. `done`, `error` and `canceled` are final;
 * `retrying` waits out a backoff after a transient failure; `paused` waits
 * for `resume()`.
 */
export type UploadStatus = 'queued' | 'signing' | 'uploading' | 'retrying' | 'paused' | 'done' | 'error' | 'canceled';

/** How a file is sent: one presigned PUT, or a multipart upload of parts. */
export type UploadMode = 'single' | 'multipart';

/** One file's upload, as the store holds it. Immutable: every change is a new object. */
export interface UploadState<ServerData = unknown> {
  /** Unique within the uploader. */
  id: string;
  name: string;
  size: number;
  /** The Content-Type that is (or will be) signed and sent. */
  type: string;
  status: UploadStatus;
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send (the file's size). */
  total: number;
  /** The object key, once the backend has chosen it. */
  key?: string;
  /** The ETag, once the upload is done. */
  etag?: string;
  /** What the backend's `onUploadComplete` returned, once the upload is done (backends that verify completions). */
  serverData?: ServerData;
  /** The metadata sent with the file, for the backend's route to check. */
  metadata?: UploadMetadata;
  /** Why it failed, when `status` is `error`. */
  error?: R2UploadError;
  /** How the file is sent, once it has started. */
  mode?: UploadMode;
  /** Multipart: parts the store has confirmed, and how many there are. */
  parts?: { done: number; total: number };
  /** The number of the attempt under way or next, for the request that was last retried (2 is the first retry). */
  attempt?: number;
  /** The last transient error that was retried. */
  lastError?: R2UploadError;
  /** While `retrying`: when the next attempt starts, in ms since the epoch. */
  retryAt?: number;
  /**
   * While `uploading`: bytes per second, averaged over the last few seconds
   * (see `transfer-rate.ts`); absent until half a second of progress is measured.
   */
  bytesPerSecond?: number;
  /** While `uploading`: whole seconds until the file is sent at `bytesPerSecond`. */
  secondsLeft?: number;
  /** Bytes an upload resumed after a reload did not have to send again. */
  resumedBytes?: number;
  /** The file itself, kept so the upload can be retried. */
  file: File;
}

/** The store's snapshot: every upload in the order it was added. */
export interface UploaderSnapshot<ServerData = unknown> {
  uploads: readonly UploadState<ServerData>[];
  /** The backend's file rules, once fetched (see `serverRules`): for a UI to show them, or to set `<input accept>`. */
  rules?: UploadRules;
  /**
   * Bytes per second over every upload of this uploader, averaged over the last
   * few seconds: what the link carries, including the gaps between files. Kept
   * after the last upload ends; `aggregateProgress` shows it only while one runs.
   */
  bytesPerSecond?: number;
}

/** How to reach the backend: a JSON endpoint, or your own function. */
export type UploadUrlSource =
  | {
      /** URL the client POSTs `{ filename, contentType, size }` to. */
      endpoint: string;
      /** Extra headers for the backend request, e.g. an auth header. */
      headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
      /** `fetch` credentials mode for the backend request. Default `same-origin`. */
      credentials?: RequestCredentials;
      /** The backend's route for these uploads (`avatar`), named in every request: its rules, metadata and `onUploadComplete` apply. */
      route?: string;
      /**
       * Asks the backend for its file rules (`GET <endpoint>?action=config&route=`) before the first
       * upload, and enforces each one (`accept`, `maxFileSize`, `minFileSize`, `maxFiles`) that is not set
       * here, so the route's rules are written once, on the server. A backend without them costs a
       * `rules_unavailable` warning, not an upload. Default: `true` when `route` is set.
       */
      serverRules?: boolean;
      getUploadUrl?: never;
      getUploadUrls?: never;
      multipartBackend?: never;
    }
  | {
      /** Ask your backend yourself (server action, tRPC, ...). */
      getUploadUrl: GetUploadUrl;
      /** Signs several files in one call; files waiting together are signed through it (see `sign-batch`). */
      getUploadUrls?: GetUploadUrls;
      /** The multipart operations of your backend; without them, every file goes as one PUT (at most 5 GiB − 5 MiB). */
      multipartBackend?: MultipartBackend;
      endpoint?: never;
      headers?: never;
      credentials?: never;
      route?: never;
      serverRules?: never;
    };

/** Callbacks the uploader calls as uploads progress. */
export interface UploaderCallbacks<ServerData = unknown> {
  /** Once per file that uploaded. */
  onSuccess?: (result: UploadResult<ServerData>, file: File) => void;
  /** Once per file that failed (not for canceled files), including files the rules refused. */
  onError?: (error: R2UploadError, file: File) => void;
  /** When an upload goes on but weaker than asked (a URL that does not sign Content-Type). Default: `console.warn` once per code. */
  onWarning?: (warning: R2UploadWarning, file: File) => void;
  /** On every progress change of a file. */
  onProgress?: (upload: UploadState<ServerData>) => void;
}

/** When and how files are sent in parts. */
export interface MultipartOptions {
  /**
   * Files larger than this many bytes go multipart, or a function that decides
   * per file. Default 64 MiB. Files larger than one PUT can carry (5 GiB − 5 MiB)
   * always go multipart.
   */
  threshold?: number | ((file: File) => boolean);
  /**
   * Bytes per part, or a function of the file size. Default 8 MiB. It is
   * adjusted to R2's rules: at least 5 MiB, at most 5 GiB, and large enough
   * that no file needs more than 10,000 parts.
   */
  partSize?: number | ((fileSize: number) => number);
}

/** How multipart uploads survive a reload. */
export interface ResumeOptions {
  /** How long a started upload can be resumed, in ms. Default 6 days (R2 aborts incomplete uploads after 7). */
  maxAge?: number;
  /** Where the state is kept. Default: IndexedDB, loaded only when a multipart upload starts. */
  store?: ResumeStore;
}

export type UploaderOptions<Metadata = UploadMetadata, ServerData = unknown> = UploadUrlSource &
  UploaderCallbacks<ServerData> &
  ClientRules &
  ImageOptions &
  UploadUrlPolicy & {
    /**
     * JSON metadata sent with each file (at most 4 KiB serialized): an object,
     * or a function of the file. The backend's route checks it and hands it
     * to `onUploadComplete`. `upload(files, { metadata })` overrides it.
     */
    metadata?: MetadataSource<Metadata>;
    /** Milliseconds the backend may take to sign an upload before it fails with `backend_timeout`. Default 30,000; `0` for no limit. */
    backendTimeout?: number;
    /** The most requests this uploader has in flight at once, within the pool's budget (which may adapt). Default: the pool's budget. */
    concurrency?: number;
    /**
     * The connection budget to share. Default: the page-wide pool every
     * uploader shares, which starts at 6 requests in flight and grows up to 48
     * while more in flight makes uploads faster (HTTP/2, HTTP/3).
     */
    pool?: UploadPool;
    /** Multipart settings, or `false` to send every file as one PUT. */
    multipart?: MultipartOptions | false;
    /** How transient failures are retried, or `false` for never. */
    retry?: RetryOptions | false;
    /**
     * Checks the store's ETag against an MD5 computed from the file (single
     * PUTs, and multipart objects through their `<md5 of part md5s>-N` ETag),
     * and fails with `integrity_mismatch` when they differ. Costs a read of
     * the whole file. Needs a store with MD5 ETags (R2, S3 without SSE-KMS). Default `false`.
     */
    verify?: boolean;
    /**
     * Milliseconds a PUT may go without progress (or, once its body is sent,
     * without an answer) before it is aborted and retried as a network error.
     * Default 60,000; `0` for never.
     */
    stallTimeout?: number;
    /** Resume multipart uploads after a reload when the same file is picked again (default), or `false`. */
    resume?: ResumeOptions | boolean;
  };

/** Options for one `upload()` call. */
export interface UploadCallOptions<Metadata = UploadMetadata> {
  /** Aborting it cancels every file of this call that is not final yet. */
  signal?: AbortSignal;
  /** Metadata for these files, instead of the uploader's `metadata` option. */
  metadata?: MetadataSource<Metadata>;
}

/** The framework-free upload engine behind `useR2Upload`. */
export interface Uploader<Metadata = UploadMetadata, ServerData = unknown> {
  /**
   * Queues the files and uploads them. Resolves, once all of them are final,
   * to the results of the files that uploaded, in input order. It never
   * rejects for one file's failure: that file's state holds the error.
   */
  upload(files: File | readonly File[] | FileList, options?: UploadCallOptions<Metadata>): Promise<UploadResult<ServerData>[]>;
  /** Cancels one upload, or every unfinished upload when `id` is omitted. */
  cancel(id?: string): void;
  /**
   * Pauses one upload, or every unfinished one. A multipart upload keeps the
   * parts the store confirmed; a single PUT starts over on resume.
   */
  pause(id?: string): void;
  /** Resumes one paused upload, or every paused one. */
  resume(id?: string): void;
  /** Uploads a failed or canceled file again under the same id. */
  retry(id: string): Promise<UploadResult<ServerData> | undefined>;
  /** Forgets finished uploads (done, error, canceled); running ones stay. */
  clear(): void;
  /** The current snapshot; the same object until something changes. */
  getSnapshot(): UploaderSnapshot<ServerData>;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * The backend's file rules (with `serverRules`), fetched once and then kept; `undefined` when
   * the uploader does not ask for them or the backend has none. Uploads wait for them by themselves:
   * call it early (on mount) so a UI can show them before the user picks a file.
   */
  loadRules(): Promise<UploadRules | undefined>;
  /** Replaces callbacks and backend options (for React, on every render). */
  setOptions(options: UploaderOptions<Metadata, ServerData>): void;
  /**
   * Cancels every unfinished upload (aborting multipart ones in the store)
   * and refuses new ones: call it when the uploader is no longer needed.
   */
  dispose(): void;
}
