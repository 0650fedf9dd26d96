/**
 * Why a file was refused before anything was sent. The server answers its
 * own refusals with the same words as `error.code`.
 */
export type FileRejectionReason =
  /** The file has no name. */
  | 'invalid_name'
  /** Neither its type nor its extension is in `accept`. */
  | 'content_type_not_allowed'
  /** Its type and its extension name different kinds of file (`photo.html` typed `image/png`). */
  | 'type_mismatch'
  /** Smaller than `minFileSize`. */
  | 'file_too_small'
  /** Larger than `maxFileSize`. */
  | 'file_too_large'
  /** More files than `maxFiles`. */
  | 'too_many_files'
  /** The app's own `validate` refused it. */
  | 'validation_failed'
  /** Its metadata is not a JSON object of at most 4 KiB, or the backend's route refused it. */
  | 'invalid_metadata';

/** Every {@link FileRejectionReason}, to recognize them in a backend's answer. */
export const FILE_REJECTION_REASONS: readonly FileRejectionReason[] = [
  'invalid_name',
  'content_type_not_allowed',
  'type_mismatch',
  'file_too_small',
  'file_too_large',
  'too_many_files',
  'validation_failed',
  'invalid_metadata',
];
