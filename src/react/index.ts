/**
 * `r2-uploader`: direct browser uploads to Cloudflare R2 and any S3-compatible
 * store. The `<R2Uploader>` component, the headless `useR2Upload` hook, and
 * the core's public types. Default styles: `import 'r2-uploader/styles.css'`.
 *
 * @packageDocumentation
 */
export { R2Uploader } from './R2Uploader.js';
export type { R2UploaderProps, R2UploaderUiProps } from './R2Uploader.js';
export type { R2UploaderClassNames } from './class-names.js';
export { useR2Upload } from './use-r2-upload.js';
export type { UseR2UploadResult } from './use-r2-upload.js';
export { R2_UPLOADER_QUERY_KEY, useR2QueryClient } from './query-client.js';
export { aggregateProgress, uploadProgress } from './progress.js';
export type { UploadProgress } from './progress.js';
export { formatBytes } from './format.js';

export { R2UploadError, isR2UploadError } from '../core/errors.js';
export type { R2UploadErrorCode, R2UploadErrorOptions } from '../core/errors.js';
export type { GetUploadUrl, ProtocolErrorBody, UploadResult, UploadTarget, UploadUrlRequest } from '../core/protocol.js';
export type {
  Uploader,
  UploaderCallbacks,
  UploaderOptions,
  UploaderSnapshot,
  UploadCallOptions,
  UploadState,
  UploadStatus,
  UploadUrlSource,
  UploadMode,
  MultipartOptions,
  ResumeOptions,
} from '../core/types.js';
export { createUploadPool, sharedUploadPool, type UploadPool } from '../core/connection-pool.js';
export type { RetryOptions } from '../core/retry-policy.js';
export type { MultipartBackend } from '../core/multipart-protocol.js';
