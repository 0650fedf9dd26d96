import { canceledError } from './abortable-sleep.js';
import { Md5 } from './md5.js';

/** Bytes read per step: large enough to hash fast, small enough to keep memory flat and the page responsive. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Lets the event loop run (input, rendering, progress events) between chunks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The MD5 of a Blob (a File or a part of one), read in 4 MiB slices so that
 * only one slice is ever in memory, yielding between slices so that hashing
 * a large file does not freeze the page. Returns the 16-byte digest.
 */
export async function blobMd5(blob: Blob, signal?: AbortSignal): Promise<Uint8Array> {
  const md5 = new Md5();
  for (let offset = 0; offset < blob.size; offset += CHUNK_BYTES) {
    if (signal?.aborted) throw canceledError();
    const chunk = new Uint8Array(await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    md5.update(chunk);
    await yieldToEventLoop();
  }
  if (signal?.aborted) throw canceledError();
  return md5.digest();
}
