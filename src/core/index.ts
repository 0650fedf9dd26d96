/**
 * `r2-uploader/core`: the framework-free upload engine. It never imports React.
 * @packageDocumentation
 */
export { createUploader } from './create-uploader.ts';
export { parseUploadTarget, requestUploadTarget, type BackendOptions } from './backend-client.ts';
export { putWithXhr, headersToSend, type PutRequest } from './xhr-put.ts';
export { resolveContentType, contentTypeForName, extensionOf, DEFAULT_CONTENT_TYPE } from './content-type.ts';
export { R2UploadError, isR2UploadError, toR2UploadError, type R2UploadErrorCode, type R2UploadErrorOptions } from './errors.ts';
export { parseS3Error, type S3ErrorBody } from './s3-error.ts';
export { corsRuleFor, corsBlockedHint, etagHiddenHint, storeErrorHint } from './hints.ts';
export { createStore, type Store } from './store.ts';
export { transition, isFinal, type UploadEvent } from './upload-machine.ts';
export type { UploadUrlRequest, UploadTarget, ProtocolErrorBody, GetUploadUrl, UploadResult } from './protocol.ts';
export type {
  UploadStatus,
  UploadState,
  UploaderSnapshot,
  UploadUrlSource,
  UploaderCallbacks,
  UploaderOptions,
  Uploader,
  UploadCallOptions,
} from './types.ts';
