/**
 * `r2-uploader/core`: the framework-free upload engine. It never imports React.
 * @packageDocumentation
 */
export { createUploader } from './create-uploader.js';
export { parseUploadTarget, requestUploadTarget, type BackendOptions } from './backend-client.js';
export { putWithXhr, headersToSend, type PutRequest } from './xhr-put.js';
export { resolveContentType, contentTypeForName, extensionOf, DEFAULT_CONTENT_TYPE } from './content-type.js';
export { R2UploadError, isR2UploadError, toR2UploadError, type R2UploadErrorCode, type R2UploadErrorOptions } from './errors.js';
export { parseS3Error, type S3ErrorBody } from './s3-error.js';
export {
  corsRuleFor,
  wranglerCorsFileFor,
  corsFixFor,
  corsBlockedHint,
  etagHiddenHint,
  storeErrorHint,
  signatureMismatchHint,
  type CorsMethod,
} from './hints.js';
export {
  checkFile,
  parseAccept,
  FILE_REJECTION_REASONS,
  type FileRejectionReason,
  type FileRejection,
  type FileRules,
  type FileFacts,
} from './rules.js';
export type { ClientRules, ValidateFile } from './admission.js';
export { checkUploadUrl, type UploadUrlPolicy } from './url-checks.js';
export type { R2UploadWarning } from './warnings.js';
export { createStore, type Store } from './store.js';
export { transition, isFinal, type UploadEvent } from './upload-machine.js';
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
} from './protocol.js';
export { deleteObject, endpointUrl, fetchObjectPage, parseObjectListPage, requestDownloadUrl } from './object-client.js';
export type { DownloadTarget, ListedObject, ObjectListCapabilities, ObjectListPage, ObjectListRequest } from './list-protocol.js';
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
} from './types.js';
export { createUploadPool, sharedUploadPool, DEFAULT_MAX_CONNECTIONS, type UploadPool, type PoolLane, type PoolTaskOptions } from './connection-pool.js';
export { planParts, partRange, partPlanProblem, DEFAULT_PART_SIZE, type PartPlan, type PartRange } from './part-plan.js';
export { MAX_SINGLE_PUT_BYTES, MIN_PART_BYTES, MAX_PART_BYTES, MAX_PARTS, MAX_MULTIPART_OBJECT_BYTES } from './r2-limits.js';
export { DEFAULT_MULTIPART_THRESHOLD } from './upload-mode.js';
export { backoffDelay, isRetryable, DEFAULT_RETRY_POLICY, type RetryOptions, type RetryPolicy } from './retry-policy.js';
export { parseRetryAfter } from './retry-after.js';
export { createMemoryResumeStore, type ResumeStore, type ResumeRecord, type ResumePart } from './resume-store.js';
export { createEndpointMultipartBackend } from './endpoint-multipart-backend.js';
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
} from './multipart-protocol.js';
