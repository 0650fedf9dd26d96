import type { R2UploadError } from './errors.js';
import type { UploadState, UploadStatus } from './types.js';

/** What can happen to an upload. */
export type UploadEvent =
  | { type: 'sign' }
  | { type: 'signed'; key: string; contentType: string }
  | { type: 'progress'; loaded: number }
  | { type: 'succeed'; etag: string }
  | { type: 'fail'; error: R2UploadError }
  | { type: 'cancel' }
  | { type: 'retry' };

const FINAL: ReadonlySet<UploadStatus> = new Set(['done', 'error', 'canceled']);

/** True once an upload can change no more (until retried). */
export function isFinal(status: UploadStatus): boolean {
  return FINAL.has(status);
}

/** Which statuses each event may leave from. */
const allowedFrom: Record<UploadEvent['type'], readonly UploadStatus[]> = {
  sign: ['queued'],
  signed: ['signing'],
  progress: ['uploading'],
  succeed: ['uploading'],
  fail: ['queued', 'signing', 'uploading'],
  cancel: ['queued', 'signing', 'uploading'],
  retry: ['error', 'canceled'],
};

/**
 * The upload state machine: queued → signing → uploading → done | error | canceled,
 * and error | canceled → queued on retry. An event that does not apply to the
 * current status returns the same object, so late events (a progress tick
 * after a cancel) can never resurrect a finished upload.
 */
export function transition(state: UploadState, event: UploadEvent): UploadState {
  if (!allowedFrom[event.type].includes(state.status)) return state;
  switch (event.type) {
    case 'sign':
      return { ...state, status: 'signing' };
    case 'signed':
      return { ...state, status: 'uploading', key: event.key, type: event.contentType, loaded: 0 };
    case 'progress':
      // Progress never goes backwards and never claims more than the file.
      return event.loaded > state.loaded ? { ...state, loaded: Math.min(event.loaded, state.total) } : state;
    case 'succeed':
      return { ...state, status: 'done', etag: event.etag, loaded: state.total };
    case 'fail':
      return { ...state, status: 'error', error: event.error };
    case 'cancel':
      return { ...state, status: 'canceled' };
    case 'retry': {
      const { error: _error, etag: _etag, ...rest } = state;
      return { ...rest, status: 'queued', loaded: 0 };
    }
  }
}
