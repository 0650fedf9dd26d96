import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintFile, sampleRanges } from '../../src/core/resume/fingerprint.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Node's File: jsdom's cannot read slices. */
const fileOf = (bytes: Uint8Array, name = 'movie.mov', lastModified = 1_700_000_000_000) =>
  new (globalThis.process.getBuiltinModule('node:buffer').File)([bytes], name, { lastModified }) as unknown as File;

describe('file fingerprints', () => {
  it('samples a small file whole, and a large one in 8 chunks from its start to its end', () => {
    expect(sampleRanges(100)).toEqual([[0, 100]]);
    expect(sampleRanges(512 * KiB)).toEqual([[0, 512 * KiB]]);
    const ranges = sampleRanges(10 * MiB + 1);
    expect(ranges).toHaveLength(8);
    expect(ranges[0]).toEqual([0, 64 * KiB]);
    expect(ranges.at(-1)).toEqual([10 * MiB + 1 - 64 * KiB, 10 * MiB + 1]);
    for (const [start, end] of ranges) expect(end - start).toBe(64 * KiB);
  });

  it('is the same for the same file picked again', async () => {
    const bytes = new Uint8Array(randomBytes(3 * MiB));
    expect(await fingerprintFile(fileOf(bytes))).toBe(await fingerprintFile(fileOf(new Uint8Array(bytes))));
  });

  it('tells apart files with the same name, size and date but other bytes', async () => {
    const bytes = new Uint8Array(randomBytes(3 * MiB));
    const other = new Uint8Array(randomBytes(3 * MiB));
    expect(await fingerprintFile(fileOf(other))).not.toBe(await fingerprintFile(fileOf(bytes)));
    // Even one flipped bit inside any sampled chunk is enough.
    for (const [start] of sampleRanges(bytes.length)) {
      const flipped = new Uint8Array(bytes);
      flipped[start + 10]! ^= 1;
      expect(await fingerprintFile(fileOf(flipped))).not.toBe(await fingerprintFile(fileOf(bytes)));
    }
  });

  it('tells apart the same bytes under another name or date', async () => {
    const bytes = new Uint8Array(randomBytes(100 * KiB));
    const base = await fingerprintFile(fileOf(bytes));
    expect(await fingerprintFile(fileOf(bytes, 'other.mov'))).not.toBe(base);
    expect(await fingerprintFile(fileOf(bytes, 'movie.mov', 1_700_000_000_001))).not.toBe(base);
  });
});
