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
export { checkFile, parseAccept, FILE_REJECTION_REASONS } from '../core/rules.js';
export type { FileFacts, FileRejection, FileRejectionReason, FileRules } from '../core/rules.js';
export type { ClientRules, ValidateFile } from '../core/admission.js';
export type { UploadUrlPolicy } from '../core/url-checks.js';
export type { R2UploadWarning } from '../core/warnings.js';
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
} from '../core/types.js';
