/**
 * `r2-uploader/server`: signs direct browser uploads to Cloudflare R2 or any
 * S3-compatible store. Web-standard (`Request → Response`), with a
 * `node:http` / Express adapter.
 */
export { createR2UploadHandler } from './handler.js';
export { toNodeHandler, type NodeHandler, type NodeRequestLike, type NodeResponseLike } from './node-adapter.js';
export { sanitizeFilename } from './filename.js';
export { UploadCompleteError } from './upload-complete-route.js';
export type {
  AuthorizeContext,
  AuthorizeFunction,
  AuthorizeGrant,
  AuthorizeRefusal,
  AuthorizeResult,
  CompletedUpload,
  HandlerAction,
  KeyContext,
  KeyFunction,
  R2UploadHandlerOptions,
  UploadHandler,
  UploadCompleteFunction,
  UploadHandlerErrorCode,
} from './types.js';
export type { CompleteUploadAnswer, CompleteUploadRequest, ProtocolErrorBody, UploadTarget, UploadUrlRequest } from '../core/protocol/upload-protocol.js';
export type { DownloadTarget, ListedObject, ObjectListCapabilities, ObjectListPage, ObjectListRequest } from '../core/protocol/list-protocol.js';
export type {
  CreateMultipartRequest,
  MultipartUpload,
  MultipartUploadRef,
  SignPartsRequest,
  SignPartsAnswer,
  SignedPart,
  ListPartsAnswer,
  UploadedPart,
  CompleteMultipartRequest,
  CompleteMultipartAnswer,
} from '../core/protocol/multipart-protocol.js';
