import { blobMd5 } from '../../../src/core/blob-md5.ts';
import { toHex } from '../../../src/core/md5.ts';

/** MD5 hashing throughput of the library's streaming hash of a Blob, as `verify` uses it (4 MiB slices). */
export const hashMd5: ((blob: Blob) => Promise<string>) | undefined = async (blob) => toHex(await blobMd5(blob));
