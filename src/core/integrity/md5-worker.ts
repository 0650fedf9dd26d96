import { pageSlot } from '../page/page-runtime.js';
import { canceledError } from '../errors/upload-error.js';
import { md5WorkerSource, type Md5WorkerAnswer, type Md5WorkerRequest } from './md5-worker-source.js';

/** How long an idle worker is kept for the next hash (the parts of one upload come seconds apart). */
const IDLE_MS = 10_000;

/** Rejects the hashes of a worker that could not start or broke: they are done on the main thread instead. */
export class Md5WorkerUnavailable extends Error {
  override name = 'Md5WorkerUnavailable';
}

interface Pending {
  resolve(digest: Uint8Array): void;
  reject(error: unknown): void;
}

interface Md5Worker {
  worker: Worker;
  pending: Map<number, Pending>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

interface Md5WorkerState {
  scriptUrl?: string;
  shared?: Md5Worker;
  /** Once a worker failed to start (CSP `worker-src`, no Blob URLs), the page does not try again. */
  unavailable: boolean;
  nextId: number;
}

/** One worker for the page, kept in the page runtime. */
const page = pageSlot<Md5WorkerState>('md5-worker@1', () => ({ unavailable: false, nextId: 1 }));

function readError(error: { name: string; message: string }): Error {
  return typeof DOMException === 'undefined' ? Object.assign(new Error(error.message), { name: error.name }) : new DOMException(error.message, error.name);
}

function retire(md5Worker: Md5Worker, reason?: unknown): void {
  if (page.shared === md5Worker) page.shared = undefined;
  clearTimeout(md5Worker.idleTimer);
  md5Worker.worker.terminate();
  for (const job of md5Worker.pending.values()) job.reject(reason ?? new Md5WorkerUnavailable('The MD5 worker stopped.'));
  md5Worker.pending.clear();
}

/** A worker that cannot load (a CSP that blocks it after construction) or throws is not tried again. */
function broken(md5Worker: Md5Worker, why: string | undefined): void {
  page.unavailable = true;
  retire(md5Worker, new Md5WorkerUnavailable(`The MD5 worker failed: ${why ?? 'it could not start'}`));
}

function startWorker(): Md5Worker | undefined {
  if (page.unavailable || typeof Worker === 'undefined' || typeof URL.createObjectURL !== 'function') return undefined;
  try {
    // A Blob URL of the worker's own source: no file for the app's bundler to find and copy, whichever bundler it is.
    page.scriptUrl ??= URL.createObjectURL(new Blob([md5WorkerSource()], { type: 'text/javascript' }));
    const md5Worker: Md5Worker = { worker: new Worker(page.scriptUrl), pending: new Map() };
    md5Worker.worker.onmessage = (event: MessageEvent<Md5WorkerAnswer>) => {
      const answer = event.data;
      if ('broken' in answer) return broken(md5Worker, answer.broken);
      const job = md5Worker.pending.get(answer.id);
      md5Worker.pending.delete(answer.id);
      if ('digest' in answer) job?.resolve(answer.digest);
      else job?.reject(readError(answer.error));
      whenIdle(md5Worker);
    };
    md5Worker.worker.onerror = (event) => {
      event.preventDefault();
      broken(md5Worker, event.message);
    };
    return md5Worker;
  } catch {
    // CSP `worker-src` without `blob:` makes `new Worker` throw a SecurityError.
    page.unavailable = true;
    return undefined;
  }
}

function whenIdle(md5Worker: Md5Worker): void {
  clearTimeout(md5Worker.idleTimer);
  if (md5Worker.pending.size === 0) md5Worker.idleTimer = setTimeout(() => retire(md5Worker), IDLE_MS);
}

/**
 * The MD5 of `blob`, read and hashed in a Web Worker in slices of
 * `chunkBytes`, so that the page stays responsive; one worker serves every
 * hash and is ended when idle. Returns `undefined` when no worker can run
 * here; rejects with `Md5WorkerUnavailable` when it stops working, with a
 * `canceled` error when `signal` aborts, and with the read error when the
 * blob cannot be read.
 */
export function workerBlobMd5(blob: Blob, chunkBytes: number, signal?: AbortSignal): Promise<Uint8Array> | undefined {
  page.shared ??= startWorker();
  const md5Worker = page.shared;
  if (!md5Worker) return undefined;
  clearTimeout(md5Worker.idleTimer);
  const id = page.nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    const onAbort = () => {
      if (!md5Worker.pending.delete(id)) return;
      md5Worker.worker.postMessage({ cancel: id } satisfies Md5WorkerRequest);
      whenIdle(md5Worker);
      reject(canceledError());
    };
    const settle = <T>(then: (value: T) => void) => (value: T) => {
      signal?.removeEventListener('abort', onAbort);
      then(value);
    };
    md5Worker.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
    md5Worker.worker.postMessage({ id, blob, chunkBytes } satisfies Md5WorkerRequest);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
