import type { UploadRules } from '../protocol/rules-protocol.js';
import type { ClientRules } from './admission.js';

/**
 * The rules the uploader enforces: each one the app set itself, and the
 * backend's for the others. An app that sets a rule means it (a smaller
 * avatar limit on one page); the server refuses anything looser all the same.
 */
export function withServerRules<Rules extends ClientRules>(own: Rules, server: UploadRules | undefined): Rules {
  if (!server) return own;
  return {
    ...own,
    accept: own.accept ?? server.accept,
    maxFileSize: own.maxFileSize ?? server.maxFileSize,
    minFileSize: own.minFileSize ?? server.minFileSize,
    maxFiles: own.maxFiles ?? server.maxFiles,
  };
}
