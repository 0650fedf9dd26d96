import { secondsLeft } from './transfer-rate.js';
import type { UploadState, UploadStatus } from './types.js';

/** Bytes sent out of bytes to send, the whole percent of it, and while something uploads, how fast and how long. */
export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send. */
  total: number;
  /** `loaded / total` as a whole percent, 0–100, rounded down so it reads 100 only when all is sent. */
  percent: number;
  /** While uploading: bytes per second, averaged over the last few seconds (absent until measured). */
  bytesPerSecond?: number;
  /** While uploading: whole seconds until everything under way is sent at `bytesPerSecond`. */
  secondsLeft?: number;
}

/** Statuses whose bytes are still to be sent: the time left counts them. */
const UNDER_WAY: readonly UploadStatus[] = ['queued', 'signing', 'uploading', 'retrying'];

function percentOf(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
}

/** The speed fields, only when there is a speed. */
function speed(bytesPerSecond: number | undefined, left: number | undefined): Pick<UploadProgress, 'bytesPerSecond' | 'secondsLeft'> {
  if (bytesPerSecond === undefined) return {};
  return left === undefined ? { bytesPerSecond } : { bytesPerSecond, secondsLeft: left };
}

/** One upload's progress, with its speed and time left while it uploads. An empty file reads 100% once it is done. */
export function uploadProgress(upload: Pick<UploadState, 'loaded' | 'total' | 'status' | 'bytesPerSecond' | 'secondsLeft'>): UploadProgress {
  const percent = upload.total === 0 && upload.status === 'done' ? 100 : percentOf(upload.loaded, upload.total);
  return { loaded: upload.loaded, total: upload.total, percent, ...speed(upload.bytesPerSecond, upload.secondsLeft) };
}

/**
 * The progress of every upload that was not canceled, added up. With the
 * uploader's speed (`snapshot.bytesPerSecond`), and while a file uploads, it
 * also tells the time left for every file under way, queued ones included.
 */
export function aggregateProgress(uploads: readonly Pick<UploadState, 'loaded' | 'total' | 'status'>[], bytesPerSecond?: number): UploadProgress {
  let loaded = 0;
  let total = 0;
  let counted = 0;
  let allDone = true;
  let remaining = 0;
  let uploading = false;
  for (const upload of uploads) {
    if (upload.status === 'canceled') continue;
    loaded += upload.loaded;
    total += upload.total;
    counted += 1;
    allDone &&= upload.status === 'done';
    if (UNDER_WAY.includes(upload.status)) remaining += upload.total - upload.loaded;
    uploading ||= upload.status === 'uploading';
  }
  const percent = total === 0 && counted > 0 && allDone ? 100 : percentOf(loaded, total);
  const rate = uploading ? bytesPerSecond : undefined;
  return { loaded, total, percent, ...speed(rate, secondsLeft(remaining, rate)) };
}
