import { md5Engine, type Md5State } from './md5.js';

/** main thread → worker: hash `blob`, or stop hashing (or forget) job `cancel`. */
export type Md5WorkerRequest = { id: number; blob: Blob; chunkBytes: number } | { cancel: number };

/** worker → main thread: job `id`'s digest, or why it could not read the blob, or that the worker itself is broken. */
export type Md5WorkerAnswer = { id: number; digest: Uint8Array } | { id: number; error: { name: string; message: string } } | { broken: string };

/** What the worker's main function sees of its global scope. */
interface WorkerScope {
  onmessage: ((event: { data: Md5WorkerRequest }) => void) | null;
  postMessage(message: Md5WorkerAnswer, transfer?: Transferable[]): void;
}

interface Job {
  id: number;
  blob: Blob;
  chunkBytes: number;
  canceled?: boolean;
}

/**
 * The worker's program. Like `md5Engine`, it references nothing outside
 * itself (its source text is all the worker gets) and is plain enough that no
 * transpiler adds helpers to it. Jobs run one at a time, so at most two slices
 * (the one being hashed, the next one being read) are in memory.
 */
export function md5WorkerMain(scope: WorkerScope, createMd5: () => Md5State): void {
  let queue: Job[] = [];
  let current: Job | undefined;

  function fail(job: Job, error: unknown): void {
    const known = error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException);
    scope.postMessage({ id: job.id, error: known ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } });
    next();
  }

  function run(job: Job): void {
    const md5 = createMd5();
    const size = job.blob.size;
    const read = (offset: number) => job.blob.slice(offset, Math.min(size, offset + job.chunkBytes)).arrayBuffer();
    const finish = (): void => {
      const digest = md5.digest();
      scope.postMessage({ id: job.id, digest }, [digest.buffer]);
      next();
    };
    const hash = (buffer: ArrayBuffer, offset: number): void => {
      if (job.canceled) return next();
      if (buffer.byteLength === 0) return fail(job, new Error('The file could not be read: it ended early.'));
      const end = offset + buffer.byteLength;
      // Read the next slice while this one is hashed.
      const following = end < size ? read(end) : undefined;
      md5.update(new Uint8Array(buffer));
      // Frees the slice now rather than at the next GC, which V8 puts off until some 64 MB of them pile up.
      (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
      if (following) step(following, end);
      else finish();
    };
    const step = (pending: Promise<ArrayBuffer>, offset: number): void => {
      pending.then(
        (buffer) => {
          try {
            hash(buffer, offset);
          } catch (error) {
            // A throw here would only reject a promise nobody awaits: say so, and the page hashes without the worker.
            scope.postMessage({ broken: String(error) });
          }
        },
        (error: unknown) => fail(job, error),
      );
    };
    if (size === 0) finish();
    else step(read(0), 0);
  }

  function next(): void {
    current = queue.shift();
    if (current) run(current);
  }

  scope.onmessage = (event) => {
    const request = event.data;
    if ('cancel' in request) {
      if (current && current.id === request.cancel) current.canceled = true;
      queue = queue.filter((job) => job.id !== request.cancel);
      return;
    }
    queue.push(request);
    if (!current) next();
  };
}

/** The worker's whole source: the MD5 engine and the main function, from their own text. */
export function md5WorkerSource(): string {
  return `(${md5WorkerMain.toString()})(self, (${md5Engine.toString()})());`;
}
