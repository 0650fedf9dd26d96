import type { UploadState, UploadStatus } from '../core/types.js';
import { uploadProgress } from './progress.js';
import { isRunning } from './status-text.js';

/** How often progress is spoken: every this many percent. Each tick would drown a screen reader. */
export const ANNOUNCE_PROGRESS_STEP = 25;

/** What was last said about one upload: its status, and the last progress step announced. */
export interface AnnouncedState {
  status: UploadStatus;
  /** The last multiple of {@link ANNOUNCE_PROGRESS_STEP} announced (0 at the start). */
  step: number;
}

/** The progress step an upload has reached: 0, 25, 50, 75 (100 is announced as "uploaded"). */
export function progressStep(upload: Pick<UploadState, 'loaded' | 'total' | 'status'>): number {
  const { percent } = uploadProgress(upload);
  return Math.min(100 - ANNOUNCE_PROGRESS_STEP, Math.floor(percent / ANNOUNCE_PROGRESS_STEP) * ANNOUNCE_PROGRESS_STEP);
}

/**
 * The sentence one upload's change is announced with, or undefined when it is
 * not worth interrupting for: the start, each 25 % step, pause and resume,
 * success, failure and cancellation are; other progress ticks are not.
 */
export function announcementFor(upload: UploadState, previous: AnnouncedState | undefined): string | undefined {
  const wasRunning = previous !== undefined && isRunning(previous.status);
  if (upload.status === 'paused') return previous?.status === 'paused' ? undefined : `Upload of ${upload.name} paused.`;
  if (previous?.status === 'paused' && isRunning(upload.status)) return `Resuming ${upload.name}.`;
  if (isRunning(upload.status)) {
    if (!wasRunning) return `Uploading ${upload.name}.`;
    const step = progressStep(upload);
    return step > previous.step ? `${upload.name}: ${step}% uploaded.` : undefined;
  }
  if (upload.status === previous?.status) return undefined;
  if (upload.status === 'done') return `${upload.name} uploaded.`;
  if (upload.status === 'error') return `${upload.name} failed: ${upload.error?.message ?? 'unknown error'}`;
  return `Upload of ${upload.name} canceled.`;
}

/** What to remember about an upload once its announcement (if any) is made. */
export function announcedState(upload: UploadState, previous: AnnouncedState | undefined): AnnouncedState {
  const continuing = previous !== undefined && isRunning(previous.status) && isRunning(upload.status);
  // A retried upload starts again from 0: its steps are spoken again.
  const step = isRunning(upload.status) ? Math.max(continuing ? previous.step : 0, progressStep(upload)) : 0;
  return { status: upload.status, step };
}
