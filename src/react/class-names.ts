/**
 * Extra class names for each part of `<R2Uploader>`. They are added to the
 * default `r2u-*` classes, never replace them, so the stylesheet keeps working
 * and utility classes (Tailwind, ...) can adjust it.
 */
export interface R2UploaderClassNames {
  /** The outer element (`r2u-root`). */
  root?: string;
  /** The drop zone, a `<label>` around the file input (`r2u-dropzone`). */
  dropzone?: string;
  /** The drop zone's main text, styled as a button (`r2u-dropzone-label`). */
  label?: string;
  /** The list of uploads (`r2u-list`). */
  list?: string;
  /** One upload's row (`r2u-row`). */
  row?: string;
  /** An image's thumbnail box, before the name (`r2u-thumb`). */
  thumb?: string;
  /** The file name (`r2u-name`). */
  name?: string;
  /** The file size (`r2u-size`). */
  size?: string;
  /** The progress bar's track (`r2u-progress`). */
  progress?: string;
  /** The progress bar's fill (`r2u-progress-bar`). */
  bar?: string;
  /** The status text (`r2u-status`). */
  status?: string;
  /** A running upload's speed and time left, after its status (`r2u-speed`). */
  speed?: string;
  /** The line over the list while several files upload: their count, percent, speed and time left (`r2u-summary`). */
  summary?: string;
  /** The ETag of a finished upload (`r2u-etag`). */
  etag?: string;
  /** The error message of a failed upload (`r2u-error`). */
  error?: string;
  /** The suggested fix under an error (`r2u-hint`). */
  hint?: string;
  /** The cancel and retry buttons (`r2u-button`). */
  button?: string;
  /** The "Clear finished" button (`r2u-clear`). */
  clear?: string;
  /** The notice about files that were not accepted (`r2u-notice`). */
  notice?: string;
}

/** Joins class names, skipping empty ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
