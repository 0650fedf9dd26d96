/**
 * `r2-uploader/testing`: msw handlers that stand in for your signing backend
 * and for the bucket, so tests and stories exercise the real upload path.
 *
 * @packageDocumentation
 */
export { createFakeBucket } from './fake-bucket.js';
export type { BucketFailure, FakeBucket, FakeBucketOptions, StoredObject } from './fake-bucket.js';
export { createPresignHandlers } from './presign-handlers.js';
export type { BackendRejection, PresignHandlersOptions } from './presign-handlers.js';
export { encodeKey, fakeUploadTarget, SIGNED_CONTENT_TYPE_PARAM } from './presign.js';
export { md5Hex } from './md5.js';
export { s3ErrorXml } from './s3-xml.js';
