import { describe, expect, it } from 'vitest';
import { R2UploadError } from '../../src/core/errors/upload-error.ts';
import { createStore } from '../../src/core/engine/store.ts';
import type { UploadState } from '../../src/core/engine/types.ts';
import { isFinal, transition } from '../../src/core/engine/upload-machine.ts';

const file = new File(['hello'], 'a.txt', { type: 'text/plain' });
const queued: UploadState = { id: '1', name: 'a.txt', size: 5, type: 'text/plain', status: 'queued', loaded: 0, total: 5, file };

describe('upload state machine', () => {
  it('walks queued → signing → uploading → done', () => {
    const signing = transition(queued, { type: 'sign' });
    expect(signing.status).toBe('signing');
    const uploading = transition(signing, { type: 'signed', key: 'k', contentType: 'text/plain' });
    expect(uploading).toMatchObject({ status: 'uploading', key: 'k' });
    const halfway = transition(uploading, { type: 'progress', loaded: 2 });
    expect(halfway.loaded).toBe(2);
    const done = transition(halfway, { type: 'succeed', etag: '"e"' });
    expect(done).toMatchObject({ status: 'done', etag: '"e"', loaded: 5 });
    expect(isFinal(done.status)).toBe(true);
  });

  it('takes the signed content type', () => {
    const uploading = transition(transition(queued, { type: 'sign' }), { type: 'signed', key: 'k', contentType: 'image/png' });
    expect(uploading.type).toBe('image/png');
  });

  it('ignores events that do not apply, returning the same object', () => {
    const canceled = transition(queued, { type: 'cancel' });
    expect(canceled.status).toBe('canceled');
    expect(transition(canceled, { type: 'progress', loaded: 3 })).toBe(canceled);
    expect(transition(canceled, { type: 'succeed', etag: 'x' })).toBe(canceled);
    expect(transition(queued, { type: 'succeed', etag: 'x' })).toBe(queued);
    expect(transition(queued, { type: 'retry' })).toBe(queued);
  });

  it('never moves progress backwards or past the total', () => {
    const uploading = transition(transition(queued, { type: 'sign' }), { type: 'signed', key: 'k', contentType: 'text/plain' });
    const at4 = transition(uploading, { type: 'progress', loaded: 4 });
    expect(transition(at4, { type: 'progress', loaded: 1 })).toBe(at4);
    expect(transition(at4, { type: 'progress', loaded: 99 }).loaded).toBe(5);
  });

  it('records the error and clears it on retry', () => {
    const error = new R2UploadError('network_error', 'down');
    const failed = transition(transition(queued, { type: 'sign' }), { type: 'fail', error });
    expect(failed).toMatchObject({ status: 'error', error });
    const again = transition(failed, { type: 'retry' });
    expect(again.status).toBe('queued');
    expect(again.error).toBeUndefined();
    expect(again.loaded).toBe(0);
  });
});

describe('retries, pause and resume in the state machine', () => {
  const big: UploadState = { ...queued, size: 100, total: 100 };
  const uploading = transition(transition(big, { type: 'sign' }), { type: 'signed', key: 'k', contentType: 'text/plain', mode: 'multipart', partCount: 4 });
  const error = new R2UploadError('store_error', 'busy', { status: 503 });

  it('shows a retry: status, attempt, last error and when it runs; then back to uploading', () => {
    const retrying = transition(uploading, { type: 'retrying', attempt: 2, error, retryAt: 1234 });
    expect(retrying).toMatchObject({ status: 'retrying', attempt: 2, lastError: error, retryAt: 1234 });
    const again = transition(retrying, { type: 'sending' });
    expect(again).toMatchObject({ status: 'uploading', attempt: 2, lastError: error });
    expect(again.retryAt).toBeUndefined();
    // Other parts keep moving while one waits to be retried.
    expect(transition(retrying, { type: 'progress', loaded: 40, partsDone: 1 })).toMatchObject({ status: 'retrying', loaded: 40, parts: { done: 1, total: 4 } });
  });

  it('never shows progress going back when a retried part starts over', () => {
    const at60 = transition(uploading, { type: 'progress', loaded: 60 });
    const retrying = transition(at60, { type: 'retrying', attempt: 2, error, retryAt: 0 });
    expect(transition(retrying, { type: 'progress', loaded: 35 }).loaded).toBe(60);
    expect(transition(transition(retrying, { type: 'sending' }), { type: 'progress', loaded: 70 }).loaded).toBe(70);
  });

  it('pauses from any unfinished status, keeping only the confirmed bytes, and resumes to queued', () => {
    const at60 = transition(uploading, { type: 'progress', loaded: 60, partsDone: 2 });
    const paused = transition(at60, { type: 'pause', loaded: 50 });
    expect(paused).toMatchObject({ status: 'paused', loaded: 50, parts: { done: 2, total: 4 } });
    expect(transition(paused, { type: 'progress', loaded: 90 })).toBe(paused);
    // A pause that comes while the last request completes the upload is too late.
    expect(transition(paused, { type: 'succeed', etag: '"x"' })).toMatchObject({ status: 'done', etag: '"x"', loaded: 100 });
    expect(transition(paused, { type: 'resume' }).status).toBe('queued');
    expect(transition(queued, { type: 'pause', loaded: 0 }).status).toBe('paused');
    expect(transition(transition(uploading, { type: 'retrying', attempt: 2, error, retryAt: 0 }), { type: 'pause', loaded: 0 }).retryAt).toBeUndefined();
    // Finished uploads cannot be paused, and only paused ones resumed.
    const done = transition(at60, { type: 'succeed', etag: '"e"' });
    expect(transition(done, { type: 'pause', loaded: 0 })).toBe(done);
    expect(transition(uploading, { type: 'resume' })).toBe(uploading);
  });

  it('cancels and fails a paused upload', () => {
    const paused = transition(uploading, { type: 'pause', loaded: 0 });
    expect(transition(paused, { type: 'cancel' }).status).toBe('canceled');
    expect(transition(paused, { type: 'fail', error }).status).toBe('error');
  });

  it('starts a resumed upload at the bytes a previous page sent, and a retry from scratch', () => {
    const resumed = transition(transition(big, { type: 'sign' }), {
      type: 'signed', key: 'k', contentType: 'video/mp4', mode: 'multipart', loaded: 50, partsDone: 2, partCount: 4, resumedBytes: 50,
    });
    expect(resumed).toMatchObject({ status: 'uploading', loaded: 50, parts: { done: 2, total: 4 }, resumedBytes: 50, mode: 'multipart' });
    const done = transition(resumed, { type: 'succeed', etag: '"e-4"' });
    expect(done.parts).toEqual({ done: 4, total: 4 });
    const failed = transition(transition(resumed, { type: 'retrying', attempt: 3, error, retryAt: 0 }), { type: 'fail', error });
    const retried = transition(failed, { type: 'retry' });
    expect(retried).toMatchObject({ status: 'queued', loaded: 0 });
    for (const field of ['attempt', 'lastError', 'retryAt', 'parts', 'resumedBytes', 'error'] as const) expect(retried[field]).toBeUndefined();
  });
});

describe('store', () => {
  it('notifies on change and keeps the snapshot identity otherwise', () => {
    const store = createStore({ n: 0 });
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    const before = store.getState();
    store.setState((s) => s);
    expect(store.getState()).toBe(before);
    expect(calls).toBe(0);
    store.setState((s) => ({ n: s.n + 1 }));
    expect(store.getState()).toEqual({ n: 1 });
    expect(calls).toBe(1);
    unsubscribe();
    store.setState((s) => ({ n: s.n + 1 }));
    expect(calls).toBe(1);
  });
});
