/**
 * `r2-uploader/testing`: msw handlers that stand in for your signing backend
 * (single, batch and multipart uploads, and the list, download and delete routes) and for the bucket, so
 * tests and stories exercise the real upload and listing paths.
 *
 * @packageDocumentation
 */
export { createFakeBucket } from './fake-bucket.js';
export type { BucketFailure, FakeBucket, FakeBucketOptions, FakeObjectOptions, PutMatch, StoredObject } from './fake-bucket.js';
export { MultipartError, multipartEtag } from './multipart-store.js';
export type { PendingMultipartUpload, StoredPart } from './multipart-store.js';
export { createListHandlers } from './list-handlers.js';
export type { ListHandlersOptions } from './list-handlers.js';
export { listStoredObjects } from './list-objects.js';
export type { ListStoredObjectsOptions } from './list-objects.js';
export { createPresignHandlers } from './presign-handlers.js';
export type { BackendRejection, FakeBackendAction, FakeRouteRules, PresignHandlersOptions } from './presign-handlers.js';
export type { FakeCompletedUpload, FakeUploadComplete } from './fake-completion.js';
export { encodeKey, fakeUploadTarget, SIGNED_CONTENT_TYPE_PARAM } from './presign.js';
export { md5Hex } from './md5.js';
export { s3ErrorXml } from './s3-xml.js';
