import type { UploadState, UploadStatus } from '../core/types.js';

/** The words each status is shown with. */
const STATUS_TEXT: Readonly<Record<UploadStatus, string>> = {
  queued: 'Waiting',
  signing: 'Preparing…',
  uploading: 'Uploading…',
  retrying: 'Retrying…',
  paused: 'Paused',
  done: 'Uploaded',
  error: 'Failed',
  canceled: 'Canceled',
};

/** The status as shown in a row, with the percent while uploading. */
export function statusText(status: UploadStatus, percent: number): string {
  return status === 'uploading' ? `Uploading… ${percent}%` : STATUS_TEXT[status];
}

/** True while an upload can still be canceled (a paused one too). */
export function isRunning(status: UploadStatus): boolean {
  return status === 'queued' || status === 'signing' || status === 'uploading' || status === 'retrying' || status === 'paused';
}

/** True while an upload can be paused. */
export function isPausable(status: UploadStatus): boolean {
  return status === 'queued' || status === 'signing' || status === 'uploading' || status === 'retrying';
}

/**
 * The status with what a user wants to know besides: the attempt and the
 * error being retried, or the percent kept while paused.
 */
export function detailedStatusText(upload: Pick<UploadState, 'status' | 'attempt' | 'lastError'>, percent: number): string {
  if (upload.status === 'retrying') {
    const attempt = upload.attempt === undefined ? '' : ` (attempt ${upload.attempt})`;
    const reason = upload.lastError ? `: ${upload.lastError.message}` : '';
    return `Retrying${attempt}…${reason}`;
  }
  if (upload.status === 'paused') return `Paused at ${percent}%`;
  return statusText(upload.status, percent);
}
