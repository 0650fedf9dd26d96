/** What `verify: true` needs, in a chunk of its own (see lazy-kits.ts). */
export { blobMd5 } from './blob-md5.js';
export { checkMultipartEtag, checkPartEtag, checkSingleEtag } from './integrity.js';
export { toHex } from './md5.js';
