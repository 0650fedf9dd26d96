import type { UploadState } from '../core/engine/types.js';
import type { R2Text } from './messages-context.js';

/**
 * A row's status in words, with what a user wants to know besides: the
 * percent while uploading or paused, the attempt and the error being retried,
 * or that a rule refused the file.
 */
export function rowStatus(upload: Pick<UploadState, 'status' | 'attempt' | 'lastError' | 'error'>, percent: number, t: R2Text): string {
  const { status } = upload;
  if (status === 'uploading') return t.uploading(t.percent(percent));
  if (status === 'paused') return t.pausedAt(t.percent(percent));
  if (status === 'retrying') return t.retrying(upload.attempt, upload.lastError && t.error(upload.lastError));
  if (status === 'error' && upload.error?.code === 'file_rejected') return t.refused;
  return t.status[status];
}
