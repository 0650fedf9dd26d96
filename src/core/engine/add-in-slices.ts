import { sleep } from '../transport/abortable-sleep.js';

/**
 * The longest one slice of new uploads holds the page: a frame at 60 Hz.
 * Reading a picked file's size is a synchronous call to the browser process
 * in Chromium (about 0.4 ms a file, more on a busy machine), so 100 photos
 * made in one go held the change event that picked them for 40 to 80 ms.
 */
export const ADD_SLICE_MS = 16;

/** Makes the items of one batch (`make` each), then hands them all to `add` at once; resolves once they are added. */
export type AddInSlices = <T, S>(items: readonly T[], make: (item: T) => S, add: (made: S[]) => void) => Promise<void>;

/**
 * Makes batches of items in slices of at most `budgetMs` each (at least one
 * item), letting the event loop run between slices, so input, rendering and
 * progress go on while a thousand files are made into uploads. Each batch is
 * added whole, in one go: a list and its live regions see it once, with its
 * full count, rather than growing slice by slice. A batch that fits in one
 * slice is added within the call, as it always was. Batches are added in the
 * order they came, so the files of two calls never interleave.
 */
export function createSliceAdder(budgetMs = ADD_SLICE_MS): AddInSlices {
  let tail: Promise<void> | undefined;

  /** Makes the next slice's worth of items into `made`; true once all are made. */
  function slice<T, S>(items: readonly T[], make: (item: T) => S, made: S[]): boolean {
    const started = performance.now();
    while (made.length < items.length) {
      made.push(make(items[made.length] as T));
      if (performance.now() - started >= budgetMs) break;
    }
    return made.length === items.length;
  }

  /** Adds a batch made in later tasks in a task of its own: what adding sets off (admission, a render of the list) comes on top of no slice. */
  async function addAlone<S>(made: S[], add: (made: S[]) => void): Promise<void> {
    await sleep(0);
    add(made);
  }

  /** Runs `rest` once the batches before it are added; the batches after it wait for it in turn. */
  function queued(rest: () => Promise<void>): Promise<void> {
    const previous = tail;
    const turn = (async () => {
      if (previous) await previous;
      await rest();
    })();
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    tail = settled;
    void settled.then(() => {
      if (tail === settled) tail = undefined;
    });
    return turn;
  }

  return function addInSlices(items, make, add) {
    const made: Array<ReturnType<typeof make>> = [];
    // Nothing before it: the first slice is made within the call, and a batch that fits is added there too.
    if (!tail && slice(items, make, made)) {
      add(made);
      return Promise.resolve();
    }
    return queued(async () => {
      // A slice already made within the call: the next one gets a task of its own.
      if (made.length > 0) await sleep(0);
      while (!slice(items, make, made)) await sleep(0);
      await addAlone(made, add);
    });
  };
}
