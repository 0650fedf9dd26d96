import type { UploadStatus } from '../core/types.js';

/** True while an upload can still be canceled (a paused one too). */
export function isRunning(status: UploadStatus): boolean {
  return status === 'queued' || status === 'signing' || status === 'uploading' || status === 'retrying' || status === 'paused';
}

/** True while an upload can be paused. */
export function isPausable(status: UploadStatus): boolean {
  return status === 'queued' || status === 'signing' || status === 'uploading' || status === 'retrying';
}
