import { afterEach, describe, expect, it } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { R2UploadError } from '../../src/core/errors/upload-error.ts';
import { aggregateProgress, uploadProgress } from '../../src/core/engine/progress.ts';
import { createRateMeter, RATE_IDLE_MS, RATE_WINDOW_MS, secondsLeft } from '../../src/core/engine/transfer-rate.ts';
import type { UploadState } from '../../src/core/engine/types.ts';
import { transition } from '../../src/core/engine/upload-machine.ts';
import { toBucket as getUploadUrl } from '../support/msw-bucket.ts';
import { installXhr, ScriptedXhr } from '../support/scripted-xhr.ts';

/** A meter on a clock the test moves. */
function meterAt() {
  let now = 0;
  const meter = createRateMeter(() => now);
  return { meter, advance: (ms: number) => void (now += ms) };
}

describe('the rate meter', () => {
  it('says nothing until a first window has passed, then the bytes per second', () => {
    const { meter, advance } = meterAt();
    expect(meter.sample(0)).toBeUndefined();
    advance(RATE_WINDOW_MS / 2);
    expect(meter.sample(250_000)).toBeUndefined();
    advance(RATE_WINDOW_MS / 2);
    expect(meter.sample(500_000)).toBeCloseTo(1_000_000);
  });

  it('is the same however often progress is reported', () => {
    const often = meterAt();
    const seldom = meterAt();
    let rateOften: number | undefined;
    let rateSeldom: number | undefined;
    for (let ms = 0; ms <= 4_000; ms += 10) {
      // 1 MB/s for two seconds, then 3 MB/s.
      const bytes = ms <= 2_000 ? ms * 1_000 : 2_000_000 + (ms - 2_000) * 3_000;
      rateOften = often.meter.sample(bytes);
      if (ms % 500 === 0) rateSeldom = seldom.meter.sample(bytes);
      often.advance(10);
      if (ms % 500 === 0) seldom.advance(500);
      else seldom.advance(0);
    }
    expect(rateOften).toBeCloseTo(rateSeldom!, -3);
  });

  it('follows a change of speed smoothly: between the old and the new, nearer the new after a few seconds', () => {
    const { meter, advance } = meterAt();
    let bytes = 0;
    let rate: number | undefined;
    meter.sample(0);
    for (let step = 0; step < 10; step += 1) {
      advance(500);
      rate = meter.sample((bytes += 500_000));
    }
    expect(rate).toBeCloseTo(1_000_000);
    advance(500);
    const justAfter = meter.sample((bytes += 2_000_000))!;
    expect(justAfter).toBeGreaterThan(1_000_000);
    expect(justAfter).toBeLessThan(2_000_000);
    for (let step = 0; step < 10; step += 1) {
      advance(500);
      rate = meter.sample((bytes += 2_000_000));
    }
    expect(rate).toBeGreaterThan(3_500_000);
    expect(rate).toBeLessThan(4_000_000);
  });

  it('starts afresh after a long pause instead of averaging the pause in', () => {
    const { meter, advance } = meterAt();
    meter.sample(0);
    advance(1_000);
    expect(meter.sample(1_000_000)).toBeCloseTo(1_000_000);
    advance(RATE_IDLE_MS + 1);
    expect(meter.sample(1_100_000)).toBeUndefined();
    advance(1_000);
    expect(meter.sample(3_100_000)).toBeCloseTo(2_000_000);
  });

  it('keeps its rate when the count goes back (a part sent again), measuring on from there', () => {
    const { meter, advance } = meterAt();
    meter.sample(0);
    advance(1_000);
    meter.sample(1_000_000);
    advance(100);
    expect(meter.sample(600_000)).toBeCloseTo(1_000_000);
    advance(1_000);
    expect(meter.sample(1_600_000)).toBeCloseTo(1_000_000);
  });

  it('forgets everything on reset', () => {
    const { meter, advance } = meterAt();
    meter.sample(0);
    advance(1_000);
    meter.sample(1_000_000);
    meter.reset();
    expect(meter.sample(1_000_000)).toBeUndefined();
  });

  it('gives whole seconds left, rounded up, and none without a speed', () => {
    expect(secondsLeft(2_500_000, 1_000_000)).toBe(3);
    expect(secondsLeft(0, 1_000_000)).toBe(0);
    expect(secondsLeft(1, undefined)).toBeUndefined();
    expect(secondsLeft(1, 0)).toBeUndefined();
  });
});

const file = new File(['x'.repeat(100)], 'a.bin');
const base: UploadState = { id: '1', name: 'a.bin', size: 100, type: 'application/octet-stream', status: 'queued', loaded: 0, total: 100, file };
const uploading = transition(transition(base, { type: 'sign' }), { type: 'signed', key: 'k', contentType: 'application/octet-stream' });

describe('speed in the upload state', () => {
  it('is set by progress while uploading, with the time left', () => {
    expect(transition(uploading, { type: 'progress', loaded: 40, bytesPerSecond: 20 })).toMatchObject({ loaded: 40, bytesPerSecond: 20, secondsLeft: 3 });
  });

  it('is dropped when the upload stops moving: a retry, a pause, success, failure, cancel', () => {
    const measured = transition(uploading, { type: 'progress', loaded: 40, bytesPerSecond: 20 });
    const error = new R2UploadError('network_error', 'dropped');
    for (const event of [
      { type: 'retrying', attempt: 2, error, retryAt: 1 },
      { type: 'pause', loaded: 0 },
      { type: 'succeed', etag: '"e"' },
      { type: 'fail', error },
      { type: 'cancel' },
    ] as const) {
      const next = transition(measured, event);
      expect(next, event.type).not.toHaveProperty('bytesPerSecond');
      expect(next, event.type).not.toHaveProperty('secondsLeft');
    }
  });

  it('is not set by a late tick while retrying', () => {
    const retrying = transition(uploading, { type: 'retrying', attempt: 2, error: new R2UploadError('network_error', 'dropped'), retryAt: 1 });
    expect(transition(retrying, { type: 'progress', loaded: 50, bytesPerSecond: 20 })).not.toHaveProperty('bytesPerSecond');
  });

  it('adds up to the uploader speed only while a file uploads, with the time left for every file under way', () => {
    const queued = { ...base, id: '2' };
    const done = { ...base, id: '3', status: 'done' as const, loaded: 100 };
    const moving = { ...uploading, loaded: 50 };
    expect(aggregateProgress([moving, queued, done], 50)).toMatchObject({ loaded: 150, total: 300, percent: 50, bytesPerSecond: 50, secondsLeft: 3 });
    expect(aggregateProgress([queued, done], 50)).not.toHaveProperty('bytesPerSecond');
    expect(aggregateProgress([moving])).not.toHaveProperty('bytesPerSecond');
    expect(uploadProgress({ ...moving, bytesPerSecond: 25, secondsLeft: 2 })).toMatchObject({ percent: 50, bytesPerSecond: 25, secondsLeft: 2 });
  });
});

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

describe('an uploader measuring a real transfer', () => {
  it('shows each file’s speed and the uploader’s while the PUT runs, and neither once it is done', async () => {
    // 100 kB every 50 ms: 2 MB/s, for 2 MB.
    class SteadyXhr extends ScriptedXhr {
      send(body: Blob) {
        let loaded = 0;
        const tick = setInterval(() => {
          loaded = Math.min(body.size, loaded + 100_000);
          this.upload.onprogress?.({ loaded });
          if (loaded === body.size) {
            clearInterval(tick);
            this.status = 200;
            this.onload?.();
          }
        }, 50);
      }
    }
    uninstall = installXhr(SteadyXhr);
    const uploader = createUploader({ getUploadUrl });
    const seen: Array<{ file?: number; left?: number; total?: number }> = [];
    uploader.subscribe(() => {
      const snapshot = uploader.getSnapshot();
      const upload = snapshot.uploads[0];
      if (upload?.bytesPerSecond !== undefined) seen.push({ file: upload.bytesPerSecond, left: upload.secondsLeft, total: snapshot.bytesPerSecond });
    });
    const [result] = await uploader.upload(new File([new Uint8Array(2_000_000)], 'clip.mp4'));
    expect(result?.etag).toBe('"etag"');
    expect(seen.length).toBeGreaterThan(4);
    const last = seen.at(-1)!;
    // Timers on a busy machine run late, never early: the speed can only come out lower.
    expect(last.file).toBeGreaterThan(600_000);
    expect(last.file).toBeLessThan(2_400_000);
    expect(last.total).toBeGreaterThan(600_000);
    expect(last.left).toBeLessThanOrEqual(1);
    const { uploads, bytesPerSecond } = uploader.getSnapshot();
    expect(uploads[0]).not.toHaveProperty('bytesPerSecond');
    expect(aggregateProgress(uploads, bytesPerSecond)).not.toHaveProperty('bytesPerSecond');
  });
});
