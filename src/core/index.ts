/**
 * `r2-uploader/core`: the framework-free upload engine. It never imports React.
 * @packageDocumentation
 */
export { createUploader } from './create-uploader.js';
export { MAX_METADATA_BYTES, metadataProblem, type MetadataSource, type UploadMetadata } from './policy/upload-metadata.js';
export type { RouteContract, RouteContracts, RoutesOf, TypedUploadHandler } from './protocol/route-contracts.js';
export { parseUploadTarget, requestUploadTarget, type BackendOptions } from './protocol/backend-client.js';
export { putWithXhr, headersToSend, type PutRequest } from './transport/xhr-put.js';
export { resolveContentType, contentTypeForName, extensionOf, DEFAULT_CONTENT_TYPE } from './policy/content-type.js';
export { R2UploadError, isR2UploadError, toR2UploadError, type R2UploadErrorCode, type R2UploadErrorOptions } from './errors/upload-error.js';
export { parseS3Error, type S3ErrorBody } from './errors/s3-error.js';
export {
  corsRuleFor,
  wranglerCorsFileFor,
  corsFixFor,
  corsBlockedHint,
  etagHiddenHint,
  storeErrorHint,
  signatureMismatchHint,
  type CorsMethod,
} from './transport/put-hints.js';
export {
  checkFile,
  parseAccept,
  FILE_REJECTION_REASONS,
  type FileRejectionReason,
  type FileRejection,
  type FileRules,
  type FileFacts,
} from './policy/rules.js';
export type { ClientRules, ValidateFile } from './policy/admission.js';
export { checkUploadUrl, type UploadUrlPolicy } from './policy/url-checks.js';
export type { R2UploadWarning } from './errors/warnings.js';
export { createStore, type Store } from './engine/store.js';
export { aggregateProgress, uploadProgress, type UploadProgress } from './engine/progress.js';
export { createRateMeter, secondsLeft, type RateMeter } from './engine/transfer-rate.js';
export type { ImageOptions, ResizeImages } from './policy/image-options.js';
export {
  createUploadHistory,
  getUploadHistory,
  resolveEndpoint,
  UPLOAD_HISTORY_LIMIT,
  UPLOAD_HISTORY_STORAGE_KEY,
  type HistoryEntry,
  type RecentUpload,
  type UploadHistory,
} from './listing/upload-history.js';
export { historyListing, mergeListing, type Listing, type MergeInput, type ObjectRow } from './listing/merge-listing.js';
export { transition, isFinal, type UploadEvent } from './engine/upload-machine.js';
export type {
  UploadUrlRequest,
  UploadTarget,
  ProtocolErrorBody,
  GetUploadUrl,
  GetUploadUrls,
  UploadResult,
  SignBatchRequest,
  SignBatchAnswer,
  SignBatchRefusal,
} from './protocol/upload-protocol.js';
export { deleteObject, endpointUrl, fetchObjectPage, parseObjectListPage, requestDownloadUrl } from './protocol/object-client.js';
export type { DownloadTarget, ListedObject, ObjectListCapabilities, ObjectListPage, ObjectListRequest } from './protocol/list-protocol.js';
export type {
  UploadStatus,
  UploadState,
  UploaderSnapshot,
  UploadUrlSource,
  UploaderCallbacks,
  UploaderOptions,
  Uploader,
  UploadCallOptions,
  UploadMode,
  MultipartOptions,
  ResumeOptions,
} from './engine/types.js';
export { createUploadPool, sharedUploadPool, DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECTION_CEILING, type UploadPool, type UploadPoolOptions, type PoolSlot, type PoolLane, type PoolTaskOptions } from './transport/connection-pool.js';
export type { SlotReport, RequestOutcome } from './transport/adaptive-limit.js';
export { planParts, partRange, partPlanProblem, DEFAULT_PART_SIZE, type PartPlan, type PartRange } from './policy/part-plan.js';
export { MAX_SINGLE_PUT_BYTES, MIN_PART_BYTES, MAX_PART_BYTES, MAX_PARTS, MAX_MULTIPART_OBJECT_BYTES } from './protocol/r2-limits.js';
export { DEFAULT_MULTIPART_THRESHOLD } from './engine/upload-mode.js';
export { backoffDelay, isRetryable, DEFAULT_RETRY_POLICY, type RetryOptions, type RetryPolicy } from './policy/retry-policy.js';
export { parseRetryAfter } from './errors/retry-after.js';
export { createMemoryResumeStore, type ResumeStore, type ResumeRecord, type ResumePart } from './engine/resume-store.js';
export { createEndpointMultipartBackend } from './protocol/multipart-client.js';
export {
  MULTIPART_ACTIONS,
  type MultipartBackend,
  type MultipartCallContext,
  type CreateMultipartRequest,
  type MultipartUpload,
  type MultipartUploadRef,
  type SignPartsRequest,
  type SignPartsAnswer,
  type SignedPart,
  type ListPartsAnswer,
  type UploadedPart,
  type CompleteMultipartRequest,
  type CompleteMultipartAnswer,
} from './protocol/multipart-protocol.js';
export type { UploadRules } from './protocol/rules-protocol.js';
