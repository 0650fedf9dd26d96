import { isActive } from '../core/engine/upload-machine.js';
import type { UploadStatus } from '../core/engine/types.js';

/** True while an upload can be paused: queued, signing, uploading or retrying. */
export const isPausable = isActive;

/** True while an upload can still be canceled (a paused one too). */
export function isRunning(status: UploadStatus): boolean {
  return status === 'paused' || isActive(status);
}
