/**
 * Test files made in the page, never on disk: the harness's disk is not what
 * is measured, and a 512 MiB fixture would not belong in the repository.
 */

const CHUNK = 1024 * 1024;
/** `crypto.getRandomValues` fills at most 65,536 bytes per call. */
const RANDOM_LIMIT = 65_536;

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += RANDOM_LIMIT) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + RANDOM_LIMIT)));
  }
  return bytes;
}

/** `size` bytes as Blob parts: one random MiB repeated (random so that nothing on the way can compress it). */
function bigFileParts(chunk: Uint8Array<ArrayBuffer>, size: number): BlobPart[] {
  const parts: BlobPart[] = [];
  for (let left = size; left > 0; left -= CHUNK) parts.push(left >= CHUNK ? chunk : chunk.subarray(0, left));
  return parts;
}

/** A small file: a window into the random MiB, at an offset that differs per file. */
function smallFileParts(chunk: Uint8Array<ArrayBuffer>, size: number, index: number): BlobPart[] {
  const offset = (index * 4099) % (CHUNK - size + 1);
  return [chunk.subarray(offset, offset + size)];
}

/** `count` files of `size` bytes each, named `file-0001.bin`, ... */
export function makeFiles(count: number, size: number): File[] {
  const chunk = randomBytes(CHUNK);
  return Array.from({ length: count }, (_, index) => {
    const parts = size >= CHUNK ? bigFileParts(chunk, size) : smallFileParts(chunk, size, index);
    return new File(parts, `file-${String(index + 1).padStart(4, '0')}.bin`, { type: 'application/octet-stream' });
  });
}
