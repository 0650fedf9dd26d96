import type { StoredUpload } from '../protocol/upload-protocol.js';
import type { IntegrityFeature, TransferContext } from './transfer-context.js';
import type { R2UploadWarning } from '../errors/warnings.js';
import type { ImageOptions } from '../policy/image-options.js';
import type { UploaderOptions } from './types.js';

/*
 * The optional features the engine uses but does not import: they sit above
 * it (multipart/, integrity/, images/) and are handed to it by `createUploader`, which
 * loads each on first use. Only these weigh enough to load apart, and a page
 * that never needs them changes in nothing else without them.
 */

/** One file's multipart upload, kept by the engine between runs (pause, resume) until it ends. */
export interface MultipartTransfer {
  /** Uploads the file's remaining parts and completes the upload; resolves with the object. */
  run(context: TransferContext): Promise<StoredUpload>;
  /** Bytes of the parts the store has confirmed: what a pause keeps. */
  confirmedBytes(): number;
  /** Ends an upload that will not complete, leaving nothing in the bucket. */
  discard(): Promise<void>;
}

/** Uploading large files in parts (multipart/). */
export interface MultipartFeature {
  createMultipartTransfer(options: UploaderOptions): MultipartTransfer;
}

/** Resizing images and stripping their metadata before upload (images/). */
export interface ImagesFeature {
  /** What to upload instead of `file`, and a warning when it had to go as it was. */
  prepareImage(file: File, options: ImageOptions): Promise<{ file: File; warning?: R2UploadWarning }>;
}

/** Loaders of the optional features. */
export interface UploadFeatures {
  multipart(): Promise<MultipartFeature>;
  integrity(): Promise<IntegrityFeature>;
  images(): Promise<ImagesFeature>;
}

/**
 * `load`, run once and its result kept; a failure is not kept, so the next
 * call tries again: browsers cache a failed `import()` of a URL, but a chunk
 * that failed to load (a blip, a deploy) can still load later under a retry.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
