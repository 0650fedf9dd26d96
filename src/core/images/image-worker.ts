import { pageSlot } from '../page/page-runtime.js';
import { createTurns } from './turns.js';
import { imageWorkerSource, runImageJob, type ImageJob, type ImageOutput, type ImageWorkerAnswer, type ImageWorkerRequest } from './image-job.js';

/** How long idle workers are kept: the images of one batch come a few at a time. */
const IDLE_MS = 10_000;

/**
 * Jobs under way at once, page-wide, each in a worker of its own: a canvas
 * encodes on the thread that calls it, so two jobs in one worker take turns
 * (s7 measured 1.8 images/s with one worker, 3.0 with two). At most three:
 * each holds a decoded photo (48 MB for 12 megapixels).
 */
const AT_ONCE = Math.min(3, Math.max(2, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));

interface Pending {
  resolve(output: ImageOutput): void;
  reject(error: Error): void;
}

interface ImageWorkerState {
  scriptUrl?: string;
  /** Started workers with no job. */
  idle: Worker[];
  pending: Map<number, Pending>;
  idleTimer?: ReturnType<typeof setTimeout>;
  /** Once no worker could start (CSP `worker-src`, no Blob URLs, no OffscreenCanvas), jobs run on the page. */
  unavailable: boolean;
  nextId: number;
  /** The page's places for jobs; resizes go first, as an upload waits for each. */
  inTurn: ReturnType<typeof createTurns>;
}

const page = pageSlot<ImageWorkerState>('image-workers@1', () => ({ idle: [], pending: new Map(), unavailable: false, nextId: 1, inTurn: createTurns(AT_ONCE) }));

/** Ends the idle workers once no job has come for a while. */
function whenIdle(): void {
  clearTimeout(page.idleTimer);
  if (page.pending.size > 0) return;
  page.idleTimer = setTimeout(() => {
    for (const worker of page.idle.splice(0)) worker.terminate();
  }, IDLE_MS);
}

function startWorker(): Worker | undefined {
  if (page.unavailable || typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined' || typeof URL.createObjectURL !== 'function') return undefined;
  try {
    // A Blob URL of the worker's own source: no file for the app's bundler to find and copy.
    page.scriptUrl ??= URL.createObjectURL(new Blob([imageWorkerSource()], { type: 'text/javascript' }));
    return new Worker(page.scriptUrl);
  } catch {
    // CSP `worker-src` without `blob:` makes `new Worker` throw.
    page.unavailable = true;
    return undefined;
  }
}

/** Runs `job` in `worker`, which takes no other job until this one is answered. */
function inWorker(worker: Worker, job: ImageJob): Promise<ImageOutput> {
  const id = page.nextId++;
  return new Promise<ImageOutput>((resolve, reject) => {
    page.pending.set(id, { resolve, reject });
    const settle = (answer: () => void) => {
      page.pending.delete(id);
      answer();
      whenIdle();
    };
    worker.onmessage = (event: MessageEvent<ImageWorkerAnswer>) => {
      const answer = event.data;
      page.idle.push(worker);
      settle(() => ('output' in answer ? resolve(answer.output) : reject(new Error(answer.error))));
    };
    worker.onerror = (event) => {
      // A CSP that blocks the script after construction, or a worker that broke: the page does the work from now on.
      event.preventDefault();
      page.unavailable = true;
      worker.terminate();
      settle(() => reject(new Error(`The image worker failed: ${event.message || 'it could not start'}`)));
    };
    worker.postMessage({ id, job } satisfies ImageWorkerRequest);
  });
}

/**
 * Runs an image job off the main thread, in a worker of its own (the page
 * keeps up to {@link AT_ONCE}), in the order jobs were asked for, resizes
 * before thumbnails (an upload waits for its resize); where no worker can
 * run, on the page itself. A job whose `signal` aborts while it waits never runs.
 */
export function processImage(job: ImageJob, signal?: AbortSignal): Promise<ImageOutput> {
  return page.inTurn(
    () => {
      clearTimeout(page.idleTimer);
      const worker = page.idle.pop() ?? startWorker();
      if (!worker) return runImageJob(job);
      return inWorker(worker, job).catch((error: unknown) => (page.unavailable ? runImageJob(job) : Promise.reject(error)));
    },
    { urgent: job.op === 'resize', ...(signal ? { signal } : {}) },
  );
}
