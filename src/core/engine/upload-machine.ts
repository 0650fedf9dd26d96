import type { R2UploadError } from '../errors/upload-error.js';
import { secondsLeft } from './transfer-rate.js';
import type { UploadMode, UploadState, UploadStatus } from './types.js';

/** What can happen to an upload. */
export type UploadEvent =
  | { type: 'prepared'; file: File; contentType: string }
  | { type: 'sign' }
  | { type: 'signed'; key: string; contentType: string; mode?: UploadMode; loaded?: number; partsDone?: number; partCount?: number; resumedBytes?: number }
  | { type: 'progress'; loaded: number; partsDone?: number; bytesPerSecond?: number }
  | { type: 'retrying'; attempt: number; error: R2UploadError; retryAt: number }
  | { type: 'sending' }
  | { type: 'succeed'; etag: string; serverData?: unknown }
  | { type: 'fail'; error: R2UploadError }
  | { type: 'cancel' }
  | { type: 'pause'; loaded: number }
  | { type: 'resume' }
  | { type: 'retry' };

const FINAL: ReadonlySet<UploadStatus> = new Set(['done', 'error', 'canceled']);

/** True once an upload can change no more (until retried). */
export function isFinal(status: UploadStatus): boolean {
  return FINAL.has(status);
}

/** Statuses in which an upload is under way: it holds or waits for connections. */
const ACTIVE: readonly UploadStatus[] = ['queued', 'signing', 'uploading', 'retrying'];

/** True while an upload is under way (queued, signing, uploading or retrying): it can be paused. */
export function isActive(status: UploadStatus): boolean {
  return ACTIVE.includes(status);
}

/** The state without its speed and time left, which only an `uploading` upload has. */
function withoutRate({ bytesPerSecond: _rate, secondsLeft: _left, ...rest }: UploadState): UploadState {
  return rest;
}

/** The state without what only a moving upload has: `retryAt` (while `retrying`), speed and time left. */
function withoutRetryAt({ retryAt: _retryAt, ...rest }: UploadState): UploadState {
  return withoutRate(rest);
}

/** Which statuses each event may leave from. */
const allowedFrom: Record<UploadEvent['type'], readonly UploadStatus[]> = {
  // A pause while the image is processed keeps what it became: resume sends that.
  prepared: ['queued', 'paused'],
  sign: ['queued', 'retrying', 'uploading'],
  signed: ['signing'],
  progress: ['uploading', 'retrying'],
  retrying: ['signing', 'uploading', 'retrying'],
  sending: ['retrying'],
  // A pause that comes while the last request completes the upload is too late: it is done.
  succeed: ['uploading', 'retrying', 'paused'],
  fail: [...ACTIVE, 'paused'],
  cancel: [...ACTIVE, 'paused'],
  pause: ACTIVE,
  resume: ['paused'],
  retry: ['error', 'canceled'],
};

/** Only what is defined: `exactOptionalPropertyTypes`-style states never carry `key: undefined`. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * The upload state machine:
 * queued → signing → uploading ⇄ retrying → done | error | canceled,
 * any unfinished status → paused → queued on resume, and error | canceled →
 * queued on retry. An event that does not apply to the current status
 * returns the same object, so late events (a progress tick after a cancel)
 * can never resurrect a finished upload. Progress only moves forward, so a
 * retried request never shows as a jump back; only a pause sets it back, to
 * the bytes the store has confirmed.
 */
export function transition(state: UploadState, event: UploadEvent): UploadState {
  if (!allowedFrom[event.type].includes(state.status)) return state;
  switch (event.type) {
    case 'prepared': {
      const { file } = event;
      return { ...state, file, name: file.name, size: file.size, total: file.size, type: event.contentType };
    }
    case 'sign':
      return { ...state, status: 'signing' };
    case 'signed': {
      const parts = event.partCount === undefined ? undefined : { done: event.partsDone ?? 0, total: event.partCount };
      return {
        ...state,
        ...defined({ mode: event.mode, parts, resumedBytes: event.resumedBytes }),
        status: 'uploading',
        key: event.key,
        type: event.contentType,
        loaded: Math.min(state.total, Math.max(state.loaded, event.loaded ?? 0)),
      };
    }
    case 'progress': {
      const parts = state.parts && event.partsDone !== undefined ? { ...state.parts, done: event.partsDone } : state.parts;
      const loaded = Math.min(Math.max(event.loaded, state.loaded), state.total);
      if (loaded === state.loaded && parts === state.parts) return state;
      // A late tick of a retried request says nothing about the speed of the next one.
      const rate = state.status === 'uploading' ? event.bytesPerSecond : undefined;
      return { ...withoutRate(state), loaded, ...defined({ parts, bytesPerSecond: rate, secondsLeft: secondsLeft(state.total - loaded, rate) }) };
    }
    case 'retrying':
      return { ...withoutRetryAt(state), status: 'retrying', attempt: event.attempt, lastError: event.error, retryAt: event.retryAt };
    case 'sending':
      return { ...withoutRetryAt(state), status: 'uploading' };
    case 'succeed': {
      const parts = state.parts ? { ...state.parts, done: state.parts.total } : undefined;
      return { ...withoutRetryAt(state), ...defined({ parts, serverData: event.serverData }), status: 'done', etag: event.etag, loaded: state.total };
    }
    case 'fail':
      return { ...withoutRetryAt(state), status: 'error', error: event.error };
    case 'cancel':
      return { ...withoutRetryAt(state), status: 'canceled' };
    case 'pause':
      return { ...withoutRetryAt(state), status: 'paused', loaded: Math.min(state.total, Math.max(0, event.loaded)) };
    case 'resume':
      return { ...state, status: 'queued' };
    case 'retry': {
      const { error: _error, etag: _etag, serverData: _serverData, attempt: _attempt, lastError: _lastError, parts: _parts, resumedBytes: _resumed, ...rest } = withoutRetryAt(state);
      return { ...rest, status: 'queued', loaded: 0 };
    }
  }
}
