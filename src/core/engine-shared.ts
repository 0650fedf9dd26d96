/**
 * What the lazily loaded kits (multipart, batch signing, URL checks, PUT
 * failures, verify) use of the eager engine, in one module. Bundlers split
 * code by which entry points reach it; when every kit reaches the engine's
 * shared code through this one module, that code stays in one chunk instead
 * of one sliver per combination of kits.
 */
export { canceledError } from './abortable-sleep.js';
export { isRecord, postToBackend } from './backend-fetch.js';
export { invalidTarget, parseUploadTarget, uploadUrlRequest } from './backend-client.js';
export { withBackendTimeout } from './backend-timeout.js';
export { R2UploadError, toR2UploadError } from './errors.js';
export { loadResumeKit, loadVerifyKit } from './lazy-kits.js';
export { DEFAULT_PART_SIZE, MAX_MULTIPART_OBJECT_BYTES, MAX_PART_BYTES, MAX_PARTS, MIN_PART_BYTES } from './r2-limits.js';
export { inSlot, visibleRetries } from './transfer-context.js';
export { isNearExpiry, urlExpiresAt } from './url-expiry.js';
export { withRetries } from './with-retries.js';
export { putWithXhr } from './xhr-put.js';
export type { BackendOptions } from './backend-fetch.js';
export type { TransferContext } from './transfer-context.js';
// No kit calls it: it is here so that the engine and what the kits share of it
// are one chunk, which a page loads as one file instead of two.
export { createUploader } from './create-uploader.js';
