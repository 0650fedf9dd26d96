import type { UploadState } from '../../src/core/engine/types.ts';
import { announcedState, announcementFor, progressStep, type AnnouncedState } from '../../src/react/announcement.ts';
import { en } from '../../src/react/messages.ts';
import { resolveText } from '../../src/react/messages-context.tsx';

const file = new File(['x'], 'cat.png', { type: 'image/png' });
const state = (patch: Partial<UploadState>): UploadState => ({
  id: '1', name: 'cat.png', size: 100, type: 'image/png', status: 'uploading', loaded: 0, total: 100, file, ...patch,
});

/** Feeds snapshots through the announcer as the hook does, and collects what is said. */
function spoken(snapshots: Partial<UploadState>[]): string[] {
  let previous: AnnouncedState | undefined;
  const said: string[] = [];
  for (const patch of snapshots) {
    const upload = state(patch);
    const sentence = announcementFor(upload, previous, resolveText(en, {}, 'en'));
    if (sentence) said.push(sentence);
    previous = announcedState(upload, previous);
  }
  return said;
}

describe('progress announcements', () => {
  it('speak at the start, at every 25 %, and when done, not on every tick', () => {
    const ticks = [{ status: 'queued' as const }, ...Array.from({ length: 101 }, (_, loaded) => ({ loaded })), { status: 'done' as const, loaded: 100 }];
    expect(spoken(ticks)).toEqual([
      'Uploading cat.png.',
      'cat.png: 25% uploaded.',
      'cat.png: 50% uploaded.',
      'cat.png: 75% uploaded.',
      'cat.png uploaded.',
    ]);
  });

  it('speak a jump over several steps once, at the step reached', () => {
    expect(spoken([{ loaded: 0 }, { loaded: 10 }, { loaded: 80 }, { loaded: 90 }])).toEqual(['Uploading cat.png.', 'cat.png: 75% uploaded.']);
  });

  it('speak an error with its message, and the steps again after a retry', () => {
    const error = { code: 'store_error', message: 'The store refused the upload.' } as UploadState['error'];
    expect(spoken([{ loaded: 30 }, { loaded: 60 }, { status: 'error', error }, { status: 'queued', loaded: 0 }, { loaded: 30 }])).toEqual([
      'Uploading cat.png.',
      'cat.png: 50% uploaded.',
      'cat.png failed: The store refused the upload.',
      'Uploading cat.png.',
      'cat.png: 25% uploaded.',
    ]);
  });

  it('speak a cancellation once', () => {
    expect(spoken([{ loaded: 10 }, { status: 'canceled' }, { status: 'canceled' }])).toEqual(['Uploading cat.png.', 'Upload of cat.png canceled.']);
  });

  it('never name 100% as a step: done says it', () => {
    expect(progressStep(state({ loaded: 100 }))).toBe(75);
    expect(progressStep(state({ loaded: 24 }))).toBe(0);
    expect(progressStep(state({ loaded: 0, total: 0 }))).toBe(0);
  });
});
