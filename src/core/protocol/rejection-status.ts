import type { FileRejectionReason } from '../errors/rejection-reasons.js';

/** The HTTP status a backend answers each refusal with; its `error.code` is the reason itself, as the client names it. */
export const REJECTION_STATUS: Readonly<Record<FileRejectionReason, number>> = {
  invalid_name: 400,
  content_type_not_allowed: 415,
  type_mismatch: 415,
  file_too_large: 413,
  file_too_small: 422,
  too_many_files: 422,
  validation_failed: 422,
  invalid_metadata: 400,
};
