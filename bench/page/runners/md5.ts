/**
 * MD5 hashing throughput, once the library has its MD5 module (for `verify`).
 * Until then `undefined`: the harness prints "not yet available" and no number.
 * Fill in with the module's streaming hash of a Blob, e.g.
 *
 *   export const hashMd5 = (blob: Blob) => md5OfBlob(blob); // from src/core
 *
 * (src/testing/md5.ts is the testing kit's fake-bucket helper, not the
 * library's hashing path, so it is not measured here.)
 */
export const hashMd5: ((blob: Blob) => Promise<string>) | undefined = undefined;
