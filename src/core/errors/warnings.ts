/** Something that does not stop an upload but weakens what the app asked for. */
export interface R2UploadWarning {
  /**
   * `content_type_not_signed`: the URL does not sign `content-type`, so the store accepts any type.
   * `rules_unavailable`: the backend did not answer `GET ?action=config`, so only the client's own rules are checked before uploading (the server still checks its own).
   * `image_unprocessed`: `resizeImages` or `stripImageMetadata` could not process an image, so it was uploaded as it is.
   */
  code: 'content_type_not_signed' | 'rules_unavailable' | 'image_unprocessed';
  message: string;
  /** The exact fix. */
  hint: string;
}

/**
 * Sends a warning to `onWarning`, or else to the console once per code, so a
 * misconfigured backend is noticed without flooding the log on every file.
 */
export function createWarningReporter(): (warning: R2UploadWarning, file: File, onWarning?: (warning: R2UploadWarning, file: File) => void) => void {
  const logged = new Set<string>();
  return (warning, file, onWarning) => {
    if (onWarning) return onWarning(warning, file);
    if (logged.has(warning.code)) return;
    logged.add(warning.code);
    console.warn(`r2-uploader: ${warning.message} ${warning.hint}`);
  };
}
