import { canceledError } from '../errors/upload-error.js';
import { Md5 } from './md5.js';
import { Md5WorkerUnavailable, workerBlobMd5 } from './md5-worker.js';

/** Bytes read per step: large enough to hash fast, small enough to keep memory flat and the page responsive. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Lets the event loop run (input, rendering, progress events) between chunks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The MD5 of a Blob on the main thread, read in 4 MiB slices so that only
 * one slice is ever in memory, yielding between slices so that hashing a
 * large file does not freeze the page. Where no worker can run.
 */
export async function mainThreadBlobMd5(blob: Blob, signal?: AbortSignal): Promise<Uint8Array> {
  const md5 = new Md5();
  for (let offset = 0; offset < blob.size; offset += CHUNK_BYTES) {
    if (signal?.aborted) throw canceledError();
    const buffer = await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
    md5.update(new Uint8Array(buffer));
    // Frees the slice now rather than at the next GC, which V8 puts off until some 64 MB of them pile up.
    (buffer as { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
    await yieldToEventLoop();
  }
  if (signal?.aborted) throw canceledError();
  return md5.digest();
}

/**
 * The MD5 of a Blob (a File or a part of one) as its 16-byte digest, hashed
 * in a Web Worker that reads the Blob itself, or on the main thread where a
 * worker cannot run (a CSP without `worker-src blob:`, Node). Rejects with a
 * `canceled` error when `signal` aborts.
 */
export async function blobMd5(blob: Blob, signal?: AbortSignal): Promise<Uint8Array> {
  if (signal?.aborted) throw canceledError();
  const inWorker = workerBlobMd5(blob, CHUNK_BYTES, signal);
  if (!inWorker) return mainThreadBlobMd5(blob, signal);
  try {
    return await inWorker;
  } catch (error) {
    if (error instanceof Md5WorkerUnavailable) return mainThreadBlobMd5(blob, signal);
    throw error;
  }
}
