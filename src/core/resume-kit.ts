/** What resuming after a reload needs, in a chunk of its own (see lazy-kits.ts). */
export { fingerprintFile } from './fingerprint.js';
export { createIndexedDbResumeStore } from './resume-store-idb.js';
