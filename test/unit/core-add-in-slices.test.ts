import { describe, expect, it } from 'vitest';
import { ADD_SLICE_MS, createSliceAdder } from '../../src/core/engine/add-in-slices.ts';
import { createUploader } from '../../src/core/create-uploader.ts';

/** Holds the thread for `ms`, as Chromium's synchronous size lookup of a picked file does. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Sizes read so far, the costly ones. */
let sizeReads = 0;

/** A picked file whose first size read costs 1 ms, as a photo from the file picker does in Chromium on a busy machine. */
class PickedFile extends File {
  #read = false;
  override get size(): number {
    if (!this.#read) {
      spin(1);
      sizeReads += 1;
    }
    this.#read = true;
    return super.size;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const picked = (count: number) => Array.from({ length: count }, (_, index) => new PickedFile([String(index)], `${index}.jpg`, { type: 'image/jpeg' }));

describe('adding many picked files', () => {
  it('makes them into uploads a slice per task, each within the time budget, then adds them all at once, in order', async () => {
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}) });
    const counts: number[] = [];
    uploader.subscribe(() => counts.push(uploader.getSnapshot().uploads.length));
    const files = picked(100);
    sizeReads = 0;
    void uploader.upload(files);
    // upload() returns after one slice, before the list changes; later tasks make the rest.
    const perTask = [sizeReads];
    expect(sizeReads).toBeGreaterThan(0);
    expect(sizeReads).toBeLessThan(100);
    expect(uploader.getSnapshot().uploads).toHaveLength(0);
    while (uploader.getSnapshot().uploads.length < 100 && perTask.length < 1000) {
      const before = sizeReads;
      await tick();
      perTask.push(sizeReads - before);
    }
    const longest = Math.max(...perTask);
    const tasks = perTask.filter((reads) => reads > 0).length;
    // A file costs 1 ms: a slice holds the budget's worth, plus the one that crossed it.
    expect(longest).toBeLessThanOrEqual(ADD_SLICE_MS + 1);
    expect(tasks).toBeGreaterThan(1);
    // The list sees the batch once, whole: its count never grows slice by slice.
    expect(counts[0]).toBe(100);
    expect(uploader.getSnapshot().uploads.map((upload) => upload.name)).toEqual(files.map((file) => file.name));
    uploader.cancel();
  });

  it("adds a small batch, and shows the rules' refusals, before upload() returns; the next call's files follow at once", () => {
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}), maxFileSize: 1 });
    void uploader.upload([new File(['a'], 'a.txt'), new File(['big'], 'big.txt')]);
    void uploader.upload(new File(['b'], 'b.txt'));
    expect(uploader.getSnapshot().uploads.map((upload) => `${upload.name} ${upload.status}`)).toEqual(['a.txt queued', 'big.txt error', 'b.txt queued']);
    uploader.cancel();
  });

  it('cancels the files still to be added when every upload is canceled, and upload() resolves', async () => {
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}) });
    const pending = uploader.upload(picked(60));
    uploader.cancel();
    expect(await pending).toEqual([]);
    const { uploads } = uploader.getSnapshot();
    expect(uploads).toHaveLength(60);
    expect(new Set(uploads.map((upload) => upload.status))).toEqual(new Set(['canceled']));
  });

  it('pauses the files still to be added when every upload is paused, and resumes them', async () => {
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}) });
    void uploader.upload(picked(60));
    uploader.pause();
    while (uploader.getSnapshot().uploads.length < 60) await tick();
    expect(new Set(uploader.getSnapshot().uploads.map((upload) => upload.status))).toEqual(new Set(['paused']));
    uploader.resume();
    expect(uploader.getSnapshot().uploads.some((upload) => upload.status === 'paused')).toBe(false);
    uploader.cancel();
  });

  it('cancels the files of a call whose signal aborts while they are added', async () => {
    const uploader = createUploader({ getUploadUrl: () => new Promise(() => {}) });
    const controller = new AbortController();
    const pending = uploader.upload(picked(60), { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual([]);
    expect(uploader.getSnapshot().uploads.every((upload) => upload.status === 'canceled')).toBe(true);
  });

  it('never interleaves the files of two calls, even one made by a store listener', async () => {
    const add = createSliceAdder(1);
    const order: string[] = [];
    const items = (prefix: string) => Array.from({ length: 20 }, (_, index) => `${prefix}${index}`);
    const slow = (item: string) => {
      spin(0.3);
      return item;
    };
    let nested: Promise<void> | undefined;
    const first = add(items('a'), slow, (made) => {
      order.push(...made);
      nested = add(items('b'), slow, (more) => order.push(...more));
    });
    const second = add(items('c'), slow, (made) => order.push(...made));
    await Promise.all([first, second]);
    await nested;
    // In the order the calls came: the listener's call came after the second.
    expect(order).toEqual([...items('a'), ...items('c'), ...items('b')]);
  });
});
