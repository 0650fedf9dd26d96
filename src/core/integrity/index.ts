/**
 * What the rest of the library uses of integrity checking (`verify: true`):
 * the file's MD5, computed off the main thread, and the checks of the store's
 * ETags against it. Reached only through `import()`, so pages that never
 * verify never load MD5.
 */
export { blobMd5 } from './blob-md5.js';
export { checkMultipartEtag, checkPartEtag, checkSingleEtag } from './etag-checks.js';
