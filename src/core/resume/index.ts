/**
 * What multipart uploads use of resuming after a reload: the IndexedDB store
 * of sessions and the file fingerprints that find them again. Reached only
 * through `import()`, when a multipart upload starts.
 */
export { fingerprintFile } from './fingerprint.js';
export { createIndexedDbResumeStore } from './indexed-db-store.js';
