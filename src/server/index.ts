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
  HandlerAction,
  KeyContext,
  KeyFunction,
  UploadHandler,
  UploadHandlerErrorCode,
  UploadMetadata,
} from './types.js';
export type { R2UploadHandlerOptions } from './handler-options.js';
export type { R2UploadHandler } from './handler.js';
export type {
  CompletedUpload,
  MetadataContext,
  MetadataFunction,
  MetadataInput,
  MetadataOutput,
  MetadataValidator,
  ServerDataOf,
  UploadCompleteFunction,
  UploadRouteOptions,
} from './route-types.js';
export type { StandardSchemaIssue, StandardSchemaResult, StandardSchemaV1 } from './standard-schema.js';
export type { RouteContract, RouteContracts, TypedUploadHandler } from '../core/protocol/route-contracts.js';
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
export type { UploadRules } from '../core/protocol/rules-protocol.js';
