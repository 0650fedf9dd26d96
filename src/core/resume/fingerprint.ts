import { Md5 } from '../integrity/md5.js';

/** Bytes read at each sampled spot. */
const SAMPLE_BYTES = 64 * 1024;
/** Spots sampled: the start, the end, and evenly between. */
const SAMPLES = 8;

/** The spots sampled in a `size`-byte file, as [start, end) ranges; the whole file when it is small. */
export function sampleRanges(size: number): Array<[number, number]> {
  if (size <= SAMPLE_BYTES * SAMPLES) return [[0, size]];
  const last = size - SAMPLE_BYTES;
  return Array.from({ length: SAMPLES }, (_, i) => {
    const start = Math.floor((last * i) / (SAMPLES - 1));
    return [start, start + SAMPLE_BYTES] as [number, number];
  });
}

/**
 * Identifies a file across reloads without reading all of it: its name, size
 * and modification time, plus the MD5 of 8 chunks of 64 KiB spread over it.
 * A different file that happens to share the name (and even the size and the
 * time) differs in the sampled bytes; an edited file differs in its time.
 */
export async function fingerprintFile(file: Pick<File, 'name' | 'size' | 'lastModified' | 'slice'>): Promise<string> {
  const md5 = new Md5();
  for (const [start, end] of sampleRanges(file.size)) {
    md5.update(new Uint8Array(await file.slice(start, end).arrayBuffer()));
  }
  return ['v1', file.size, file.lastModified, md5.hex(), encodeURIComponent(file.name)].join(':');
}
