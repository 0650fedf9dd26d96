import type { UploadState } from './types.js';

/** Bytes sent out of bytes to send, and the whole percent of it. */
export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send. */
  total: number;
  /** `loaded / total` as a whole percent, 0–100, rounded down so it reads 100 only when all is sent. */
  percent: number;
}

function percentOf(loaded: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
}

/** One upload's progress. An empty file reads 100% once it is done. */
export function uploadProgress(upload: Pick<UploadState, 'loaded' | 'total' | 'status'>): UploadProgress {
  const percent = upload.total === 0 && upload.status === 'done' ? 100 : percentOf(upload.loaded, upload.total);
  return { loaded: upload.loaded, total: upload.total, percent };
}

/** The progress of every upload that was not canceled, added up. */
export function aggregateProgress(uploads: readonly Pick<UploadState, 'loaded' | 'total' | 'status'>[]): UploadProgress {
  let loaded = 0;
  let total = 0;
  let counted = 0;
  let allDone = true;
  for (const upload of uploads) {
    if (upload.status === 'canceled') continue;
    loaded += upload.loaded;
    total += upload.total;
    counted += 1;
    allDone &&= upload.status === 'done';
  }
  const percent = total === 0 && counted > 0 && allDone ? 100 : percentOf(loaded, total);
  return { loaded, total, percent };
}
