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
export type { DropzoneProps } from './Dropzone.js';
export type { FileListProps } from './FileList.js';
export type { FileRowProps } from './FileRow.js';
export type { AnnouncerProps } from './Announcer.js';
export { useR2Dropzone } from './use-r2-dropzone.js';
export type { R2DropzoneInputProps, R2DropzoneRootProps, UseR2DropzoneOptions, UseR2DropzoneResult } from './use-r2-dropzone.js';
export { R2MessagesProvider, useR2Text } from './messages-context.js';
export type { R2MessagesOverrides, R2MessagesProviderProps, R2Text } from './messages-context.js';
export type { R2Messages, UploadAction } from './messages.js';
export { useR2Upload } from './use-r2-upload.js';
export { createR2Client, type R2Client, type RouteMetadata, type RouteName, type RouteServerData, type RouteUploaderOptions } from './create-r2-client.js';
export type { RouteContract, RouteContracts, RoutesOf, TypedUploadHandler } from '../core/protocol/route-contracts.js';
export type { MetadataSource, UploadMetadata } from '../core/policy/upload-metadata.js';
export type { UseR2UploadResult } from './use-r2-upload.js';
export { R2_UPLOADER_QUERY_KEY, useR2QueryClient } from './query-client.js';
export { aggregateProgress, uploadProgress } from '../core/engine/progress.js';
export type { UploadProgress } from '../core/engine/progress.js';
export { formatBytes, formatDuration, formatRate } from './format.js';
export { usePreview, type UsePreviewOptions } from './use-preview.js';
export type { ImageOptions, ResizeImages } from '../core/policy/image-options.js';
export { R2ObjectList } from './R2ObjectList.js';
export type { R2ObjectListProps } from './R2ObjectList.js';
export { useR2Objects, DEFAULT_PAGE_SIZE } from './use-r2-objects.js';
export type { UseR2ObjectsOptions, UseR2ObjectsResult } from './use-r2-objects.js';
export { r2QueryKeys } from './query-keys.js';
export type { ObjectListKeyParams } from './query-keys.js';
export type { ObjectRow } from '../core/listing/merge-listing.js';
export type { ObjectSort, ObjectSortKey } from './sort-objects.js';
export { getUploadHistory, UPLOAD_HISTORY_LIMIT, UPLOAD_HISTORY_STORAGE_KEY } from '../core/listing/upload-history.js';
export type { HistoryEntry, RecentUpload, UploadHistory } from '../core/listing/upload-history.js';
export type { DownloadTarget, ListedObject, ObjectListCapabilities, ObjectListPage, ObjectListRequest } from '../core/protocol/list-protocol.js';

export { R2UploadError, isR2UploadError } from '../core/errors/upload-error.js';
export type { R2UploadErrorCode, R2UploadErrorOptions } from '../core/errors/upload-error.js';
export { checkFile, parseAccept, FILE_REJECTION_REASONS } from '../core/policy/rules.js';
export type { FileFacts, FileRejection, FileRejectionReason, FileRules } from '../core/policy/rules.js';
export type { ClientRules, ValidateFile } from '../core/policy/admission.js';
export type { UploadUrlPolicy } from '../core/policy/url-checks.js';
export type { R2UploadWarning } from '../core/errors/warnings.js';
export type { GetUploadUrl, ProtocolErrorBody, UploadResult, UploadTarget, UploadUrlRequest } from '../core/protocol/upload-protocol.js';
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
} from '../core/engine/types.js';
export { createUploadPool, sharedUploadPool, type UploadPool, type UploadPoolOptions } from '../core/transport/connection-pool.js';
export type { RetryOptions } from '../core/policy/retry-policy.js';
export type { MultipartBackend } from '../core/protocol/multipart-protocol.js';
export type { UploadRules } from '../core/protocol/rules-protocol.js';
