import { describe, expect, it } from 'vitest';
import { R2UploadError } from '../../src/core/errors.ts';
import { createStore } from '../../src/core/store.ts';
import type { UploadState } from '../../src/core/types.ts';
import { isFinal, transition } from '../../src/core/upload-machine.ts';

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
