import type { ClientRules } from './admission.js';
import type { R2UploadError } from './errors.js';
import type { GetUploadUrl, UploadResult } from './protocol.js';
import type { UploadUrlPolicy } from './url-checks.js';
import type { R2UploadWarning } from './warnings.js';

/** Where an upload is in its life. `done`, `error` and `canceled` are final. */
export type UploadStatus = 'queued' | 'signing' | 'uploading' | 'done' | 'error' | 'canceled';

/** One file's upload, as the store holds it. Immutable: every change is a new object. */
export interface UploadState {
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
  /** Why it failed, when `status` is `error`. */
  error?: R2UploadError;
  /** The file itself, kept so the upload can be retried. */
  file: File;
}

/** The store's snapshot: every upload in the order it was added. */
export interface UploaderSnapshot {
  uploads: readonly UploadState[];
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
      getUploadUrl?: never;
    }
  | {
      /** Ask your backend yourself (server action, tRPC, ...). */
      getUploadUrl: GetUploadUrl;
      endpoint?: never;
      headers?: never;
      credentials?: never;
    };

/** Callbacks the uploader calls as uploads progress. */
export interface UploaderCallbacks {
  /** Once per file that uploaded. */
  onSuccess?: (result: UploadResult, file: File) => void;
  /** Once per file that failed (not for canceled files), including files the rules refused. */
  onError?: (error: R2UploadError, file: File) => void;
  /** When an upload goes on but weaker than asked (a URL that does not sign Content-Type). Default: `console.warn` once per code. */
  onWarning?: (warning: R2UploadWarning, file: File) => void;
  /** On every progress change of a file. */
  onProgress?: (upload: UploadState) => void;
}

export type UploaderOptions = UploadUrlSource &
  UploaderCallbacks &
  ClientRules &
  UploadUrlPolicy & {
    /** How many files upload at once. Default 6. */
    concurrency?: number;
    /** Milliseconds the backend may take to sign an upload before it fails with `backend_timeout`. Default 30,000; `0` for no limit. */
    backendTimeout?: number;
  };

/** Options for one `upload()` call. */
export interface UploadCallOptions {
  /** Aborting it cancels every file of this call that is not final yet. */
  signal?: AbortSignal;
}

/** The framework-free upload engine behind `useR2Upload`. */
export interface Uploader {
  /**
   * Queues the files and uploads them. Resolves, once all of them are final,
   * to the results of the files that uploaded, in input order. It never
   * rejects for one file's failure: that file's state holds the error.
   */
  upload(files: File | readonly File[] | FileList, options?: UploadCallOptions): Promise<UploadResult[]>;
  /** Cancels one upload, or every unfinished upload when `id` is omitted. */
  cancel(id?: string): void;
  /** Uploads a failed or canceled file again under the same id. */
  retry(id: string): Promise<UploadResult | undefined>;
  /** Forgets finished uploads (done, error, canceled); running ones stay. */
  clear(): void;
  /** The current snapshot; the same object until something changes. */
  getSnapshot(): UploaderSnapshot;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Replaces callbacks and backend options (for React, on every render). */
  setOptions(options: UploaderOptions): void;
}
