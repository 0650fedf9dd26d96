import { blobMd5, mainThreadBlobMd5 } from '../../../src/core/integrity/blob-md5.ts';
import { toHex } from '../../../src/core/integrity/md5.ts';
import type { Md5Where } from '../../shared/protocol.ts';

/**
 * MD5 of a Blob as `verify` computes it: in the library's worker (4 MiB slices
 * read by the worker, worker start-up included) and, for comparison, with the
 * main-thread fallback that runs where a CSP forbids workers.
 */
export const hashMd5: Record<Md5Where, (blob: Blob) => Promise<string>> | undefined = {
  worker: async (blob) => toHex(await blobMd5(blob)),
  'main-thread': async (blob) => toHex(await mainThreadBlobMd5(blob)),
};
