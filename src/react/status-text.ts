import type { UploadStatus } from '../core/types.js';

/** The words each status is shown with. */
const STATUS_TEXT: Readonly<Record<UploadStatus, string>> = {
  queued: 'Waiting',
  signing: 'Preparing…',
  uploading: 'Uploading…',
  done: 'Uploaded',
  error: 'Failed',
  canceled: 'Canceled',
};

/** The status as shown in a row, with the percent while uploading. */
export function statusText(status: UploadStatus, percent: number): string {
  return status === 'uploading' ? `Uploading… ${percent}%` : STATUS_TEXT[status];
}

/** True while an upload can still be canceled. */
export function isRunning(status: UploadStatus): boolean {
  return status === 'queued' || status === 'signing' || status === 'uploading';
}
