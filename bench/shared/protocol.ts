/**
 * What the harness (Node) and the bench page (Chromium) exchange through
 * `page.evaluate`. Plain JSON: both sides import these types, nothing else.
 */

/** Every implementation the benchmark can run. `ours-*` are the library; the rest are baselines. */
export type RunnerId =
  | 'ours'
  | 'ours-ui'
  | 'ours-multipart'
  | 'ours-multipart-verify'
  | 'raw-xhr'
  | 'raw-batch'
  | 'raw-batch-24'
  | 'raw-batch-48'
  | 'raw-multipart'
  | 'uppy'
  | 'uppy-default-parts'
  | 'ours-resize'
  | 'ours-ui-resize'
  | 'uppy-compressor';

/** What the image runners resize every photo to before they upload it. */
export interface ResizeSpec {
  maxWidth: number;
  maxHeight: number;
  type: 'image/webp';
  quality: number;
}

/** Photos instead of bytes: `fileCount` JPEGs of `width` × `height` pixels, resized by the runner before upload. */
export interface ImageWorkload {
  width: number;
  height: number;
  /** JPEG quality the photos were encoded at (0–1). */
  quality: number;
  /** How many different photos the files hold; the rest repeat them under names of their own. */
  distinct: number;
  resize: ResizeSpec;
}

/** One run of one runner: the files to make and how to send them. */
export interface RunSpec {
  runner: RunnerId;
  /** Unique per run; every object key of the run lies under `runs/<runId>/`. */
  runId: string;
  /** How many files, each of `fileSize` bytes. */
  fileCount: number;
  fileSize: number;
  /**
   * Files in flight at once (multi-file scenarios). Absent: the runner's own
   * default (the library's adaptive pool, Uppy's `limit`), which is what the
   * HTTP/2 scenarios (s6*) measure.
   */
  concurrency?: number;
  /** Multipart part size, and parts in flight at once (absent: the runner's default, as above). */
  partSize: number;
  partConcurrency?: number;
  /** Uppy: force multipart (true) or a single PUT (false). */
  multipart: boolean;
  /** Image scenarios: the files are photos (`fileSize` is 0), and what the runner makes of them. */
  images?: ImageWorkload;
}

/** Main-thread long tasks seen during the run (PerformanceObserver 'longtask', tasks over 50 ms). */
export interface LongTaskStats {
  count: number;
  maxMs: number;
  totalMs: number;
}

/** React commits of the `<R2Uploader>` root, counted through React's DevTools hook (see page/commit-counter.ts). */
export interface CommitStats {
  count: number;
  perSecond: number;
}

/** What the page measured for one run. Timing covers signing and uploading, not making the files. */
export interface RunResult {
  runner: RunnerId;
  ok: boolean;
  error?: string;
  /** Wall-clock seconds from the upload call to the last file done. */
  seconds: number;
  /** Files the runner reported done, and the bytes it sent (after resizing, for the image runners). */
  files: number;
  bytes: number;
  /** Requests to the store and to the backend (resource timing), and the most store requests open at once. */
  storeRequests: number;
  backendRequests: number;
  peakInFlight: number;
  /**
   * The store requests' distinct `nextHopProtocol` values ('h2', 'http/1.1');
   * 'hidden' when the answer carried no `Timing-Allow-Origin`, which blanks it.
   */
  storeProtocols?: string[];
  longTasks: LongTaskStats;
  commits?: CommitStats;
}

/** What the library can do today, so the harness reports "not yet available" instead of numbers. */
export interface Capabilities {
  oursMultipart: boolean;
  verify: boolean;
  md5: boolean;
}

/** Where the library's MD5 runs: in its worker (what `verify` uses) or on the main thread (its fallback). */
export type Md5Where = 'worker' | 'main-thread';

/** MD5 hashing throughput, once the library has an MD5 module. */
export interface Md5Result {
  bytes: number;
  seconds: number;
}

/** A test photo for the harness to write to disk (see page/photo.ts). */
export interface PhotoRequest {
  width: number;
  height: number;
  seed: number;
  quality: number;
}

/** The API the bench page puts on `window.__bench`. */
export interface BenchPageApi {
  capabilities(): Capabilities;
  /** Takes the run's files from the page's file input, where the harness put them (untimed). */
  prepare(spec: RunSpec): Promise<void>;
  /** Uploads the prepared files and measures; frees them afterwards. */
  run(): Promise<RunResult>;
  /** Hashes the file in the page's file input with the library's MD5 module, in its worker or on the main thread. */
  md5(where: Md5Where): Promise<Md5Result>;
  /** Draws a photo-like JPEG and returns it in base64: Node has no JPEG encoder, Chromium's canvas has. */
  photo(request: PhotoRequest): Promise<string>;
}

/** The backend paths the harness serves next to the page. */
export const BENCH_ROUTES = {
  /** The library's own `createR2UploadHandler`. */
  upload: '/api/upload',
  /** Signs many single PUTs in one request (batch signing baseline). */
  signBatch: '/bench/sign-batch',
  /** Signs one S3 request (PutObject, CreateMultipartUpload, UploadPart, Complete, Abort). */
  signS3: '/bench/s3/sign',
  /** Signs every UploadPart of a multipart upload in one request. */
  signParts: '/bench/s3/sign-parts',
} as const;

/** The header that tells the backend which run a request belongs to (keys go under `runs/<id>/`). */
export const RUN_HEADER = 'x-bench-run';

/** The prefix a run's objects go under. */
export const runPrefix = (runId: string) => `runs/${runId}`;

/** `POST signBatch`: every file of a run signed at once, like the library's single route signs one. */
export interface SignBatchRequest {
  runId: string;
  files: Array<{ filename: string; contentType: string; size: number }>;
}
export interface SignBatchResponse {
  /** In request order; each signs content-type and content-length, as the library's handler does. */
  targets: Array<{ url: string; headers: Record<string, string>; key: string }>;
}

/** `POST signS3`: one S3 request to presign, in the shape Uppy 6's `signRequest` gets. */
export interface SignS3Request {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  key: string;
  uploadId?: string;
  partNumber?: number;
  contentType?: string;
}
export interface SignS3Response {
  url: string;
}

/** `POST signParts`: parts 1..partCount of one multipart upload. */
export interface SignPartsRequest {
  key: string;
  uploadId: string;
  partCount: number;
}
export interface SignPartsResponse {
  urls: string[];
}
