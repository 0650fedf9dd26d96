import { loadOnce, type UploadFeatures } from './engine/features.js';
import { createUploadEngine } from './engine/upload-engine.js';
import type { Uploader, UploaderOptions } from './engine/types.js';
import type { UploadMetadata } from './policy/upload-metadata.js';

/**
 * The optional features, each loaded on first use (bundlers give each
 * `import()` a chunk of its own): multipart when a large file starts, MD5
 * with `verify: true`, image processing with `resizeImages` or `stripImageMetadata`. A failed load is retried by the next use.
 */
const features: UploadFeatures = {
  multipart: loadOnce(() => import('./multipart/transfer-multipart.js')),
  integrity: loadOnce(() => import('./integrity/index.js')),
  images: loadOnce(() => import('./images/index.js')),
};

/**
 * Creates the framework-free upload engine: it asks the backend for signed
 * URLs, sends each file straight to the bucket (one PUT, or parts in parallel
 * for large files) through a connection pool shared by the whole page,
 * retries what fails transiently, pauses and resumes, and keeps every file's
 * state in a subscribable store.
 */
export function createUploader<Metadata = UploadMetadata, ServerData = unknown>(options: UploaderOptions<Metadata, ServerData>): Uploader<Metadata, ServerData> {
  // The engine passes metadata and serverData through untouched: their types are the app's.
  return createUploadEngine(options as UploaderOptions, features) as unknown as Uploader<Metadata, ServerData>;
}
