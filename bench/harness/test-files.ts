import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageWorkload } from '../shared/protocol.ts';

const MiB = 1024 * 1024;

/**
 * The runs' files, on disk: the page gets them through `<input type=file>`,
 * as users' files come, so Chromium reads them from disk while it uploads.
 * Built in the page instead, a 512 MiB Blob lives in the browser's blob
 * store (memory only in Playwright's off-the-record contexts) and the first
 * one in a fresh browser sometimes failed with ERR_BLOB_OUT_OF_MEMORY.
 * Each set is written once per bench run and used by every round.
 */
export interface TestFiles {
  /** Paths of `count` files of `size` bytes, named `file-0001.bin`, ... */
  paths(count: number, size: number): Promise<string[]>;
  /**
   * Paths of `count` JPEG photos of `images.width` × `images.height`, named
   * `photo-0001.jpg`, ...: `images.distinct` different photos, repeated
   * under their own names (resizing costs the same for a copy). Only with
   * an `encodePhotos`.
   */
  photos(count: number, images: ImageWorkload): Promise<PhotoSet>;
  remove(): Promise<void>;
}

export interface PhotoSet {
  paths: string[];
  /** Their total size. */
  bytes: number;
}

/** Encodes photo-like JPEGs, one per seed (the harness asks the bench page: see page/photo.ts). */
export type EncodePhotos = (request: { width: number; height: number; quality: number; seeds: number[] }) => Promise<Buffer[]>;

/** `size` bytes of the random MiB, repeated (random so that nothing on the way can compress it). */
async function writeBig(path: string, chunk: Buffer, size: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (let offset = 0; offset < size; offset += MiB) await file.write(chunk, 0, Math.min(MiB, size - offset));
  } finally {
    await file.close();
  }
}

/** A small file: a window into the random MiB, at an offset that differs per file. */
async function writeSmall(path: string, chunk: Buffer, size: number, index: number): Promise<void> {
  const offset = (index * 4099) % (MiB - size + 1);
  const file = await open(path, 'w');
  try {
    await file.write(chunk, offset, size);
  } finally {
    await file.close();
  }
}

export async function createTestFiles(encodePhotos?: EncodePhotos): Promise<TestFiles> {
  const root = await mkdtemp(join(tmpdir(), 'r2u-bench-'));
  const chunk = randomBytes(MiB);
  const sets = new Map<string, Promise<string[]>>();
  const photoSets = new Map<string, Promise<PhotoSet>>();
  const writePhotos = async (dir: string, count: number, images: ImageWorkload): Promise<PhotoSet> => {
    if (!encodePhotos) throw new Error('These test files cannot make photos: createTestFiles() was given no encoder.');
    await mkdir(dir);
    const distinct = Math.min(count, images.distinct);
    const seeds = Array.from({ length: distinct }, (_, index) => index + 1);
    const encoded = await encodePhotos({ width: images.width, height: images.height, quality: images.quality, seeds });
    const originals = await Promise.all(encoded.map(async (bytes, index) => {
      const path = join(dir, `seed-${index + 1}.jpg`);
      await writeFile(path, bytes);
      return path;
    }));
    const paths = Array.from({ length: count }, (_, index) => join(dir, `photo-${String(index + 1).padStart(4, '0')}.jpg`));
    for (const [index, path] of paths.entries()) await copyFile(originals[index % distinct] as string, path);
    const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
    return { paths, bytes: sizes.reduce((sum, size) => sum + size, 0) };
  };
  const write = async (dir: string, count: number, size: number) => {
    await mkdir(dir);
    const paths = Array.from({ length: count }, (_, index) => join(dir, `file-${String(index + 1).padStart(4, '0')}.bin`));
    for (const [index, path] of paths.entries()) await (size >= MiB ? writeBig(path, chunk, size) : writeSmall(path, chunk, size, index));
    return paths;
  };
  return {
    paths(count, size) {
      const name = `${count}x${size}`;
      let set = sets.get(name);
      if (!set) sets.set(name, (set = write(join(root, name), count, size)));
      return set;
    },
    photos(count, images) {
      const name = `${count}x${images.width}x${images.height}q${images.quality}`;
      let set = photoSets.get(name);
      if (!set) photoSets.set(name, (set = writePhotos(join(root, name), count, images)));
      return set;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
