import type { UploadState, UploadStatus } from '../core/engine/types.js';
import type { R2Text } from './messages-context.js';
import { uploadProgress } from '../core/engine/progress.js';
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
export function announcementFor(upload: UploadState, previous: AnnouncedState | undefined, t: R2Text): string | undefined {
  const { name, status } = upload;
  const wasRunning = previous !== undefined && isRunning(previous.status);
  if (status === 'paused') return previous?.status === 'paused' ? undefined : t.announcePaused(name);
  if (previous?.status === 'paused' && isRunning(status)) return t.announceResumed(name);
  if (isRunning(status)) {
    if (!wasRunning) return t.announceStart(name);
    const step = progressStep(upload);
    if (step <= previous.step) return undefined;
    return t.announceProgress(name, t.percent(step), upload.secondsLeft === undefined ? undefined : t.duration(upload.secondsLeft, true));
  }
  if (status === previous?.status) return undefined;
  if (status === 'done') return t.announceDone(name);
  if (status === 'error') return t.announceFailed(name, upload.error ? t.error(upload.error) : t.status.error);
  return t.announceCanceled(name);
}

/** What to remember about an upload once its announcement (if any) is made. */
export function announcedState(upload: UploadState, previous: AnnouncedState | undefined): AnnouncedState {
  const continuing = previous !== undefined && isRunning(previous.status) && isRunning(upload.status);
  // A retried upload starts again from 0: its steps are spoken again.
  const step = isRunning(upload.status) ? Math.max(continuing ? previous.step : 0, progressStep(upload)) : 0;
  return { status: upload.status, step };
}
