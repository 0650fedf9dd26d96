import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageJob, ImageOutput } from '../../src/core/images/image-job.ts';

/** The worker's answer for the next resize: a test sets it. */
let next: (job: ImageJob) => Promise<ImageOutput>;
vi.mock('../../src/core/images/image-worker.ts', () => ({ processImage: (job: ImageJob) => next(job) }));
const { prepareImage } = await import('../../src/core/images/prepare-image.ts');

/** SOI, an APP1 EXIF segment (orientation 1, and a GPS mark), a scan, EOI. */
function jpegWithExif(): Uint8Array {
  const exifBody = [...'Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x01\0\0\0\0\0\0GPSMARK'].map((c) => c.charCodeAt(0));
  const app1 = [0xff, 0xe1, (exifBody.length + 2) >> 8, (exifBody.length + 2) & 0xff, ...exifBody];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x12, 0x34, 0xff, 0x00, 0x56];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sos, 0xff, 0xd9]);
}
const has = async (file: Blob, text: string) => new TextDecoder('latin1').decode(await file.arrayBuffer()).includes(text);
const image = (bytes: BlobPart, name: string, type: string) => new File([bytes], name, { type, lastModified: 1234 });
const blob = (size: number, type: string) => new Blob([new Uint8Array(size)], { type });

beforeEach(() => {
  next = () => Promise.reject(new Error('createImageBitmap is not defined'));
});

describe('prepareImage', () => {
  it('leaves files that are not images alone', async () => {
    const notes = new File(['x'], 'notes.txt', { type: 'text/plain' });
    expect(await prepareImage(notes, { resizeImages: {}, stripImageMetadata: true })).toEqual({ file: notes });
  });

  it('strips a JPEG byte for byte, keeping its name, type and date', async () => {
    const photo = image(jpegWithExif() as Uint8Array<ArrayBuffer>, 'cat.jpg', 'image/jpeg');
    const { file, warning } = await prepareImage(photo, { stripImageMetadata: true });
    expect(warning).toBeUndefined();
    expect(await has(photo, 'GPSMARK')).toBe(true);
    expect(await has(file, 'GPSMARK')).toBe(false);
    expect(file).toMatchObject({ name: 'cat.jpg', type: 'image/jpeg', lastModified: 1234 });
    expect(file.size).toBeLessThan(photo.size);
  });

  it('uploads what it cannot strip as it is, with a warning', async () => {
    const webp = image(new Uint8Array(20), 'a.webp', 'image/webp');
    const { file, warning } = await prepareImage(webp, { stripImageMetadata: true });
    expect(file).toBe(webp);
    expect(warning).toMatchObject({ code: 'image_unprocessed', message: expect.stringContaining('a.webp was uploaded as it is') });
  });

  it('uploads an image that cannot be decoded as it is, with a warning', async () => {
    const photo = image(new Uint8Array(50), 'broken.jpg', 'image/jpeg');
    const { file, warning } = await prepareImage(photo, { resizeImages: { maxWidth: 100 } });
    expect(file).toBe(photo);
    expect(warning?.message).toContain('could not be decoded or re-encoded (createImageBitmap is not defined)');
  });

  it('asks for the options it was given, and renames the output for its type', async () => {
    const jobs: ImageJob[] = [];
    next = async (job) => (jobs.push(job), { blob: blob(10, 'image/jpeg'), width: 1, height: 1 });
    const { file } = await prepareImage(image(new Uint8Array(100), 'IMG.HEIC', 'image/heic'), { resizeImages: { maxWidth: 800, type: 'image/jpeg', quality: 0.7 } });
    expect(jobs).toEqual([expect.objectContaining({ op: 'resize', maxWidth: 800, maxHeight: Infinity, type: 'image/jpeg', quality: 0.7 })]);
    expect(file).toMatchObject({ name: 'IMG.jpg', type: 'image/jpeg', size: 10, lastModified: 1234 });
  });

  it('keeps the original when the output is larger, or stripped when metadata must go', async () => {
    next = async () => ({ blob: blob(10_000, 'image/webp'), width: 1, height: 1 });
    const photo = image(jpegWithExif() as Uint8Array<ArrayBuffer>, 'small.jpg', 'image/jpeg');
    expect((await prepareImage(photo, { resizeImages: {} })).file).toBe(photo);
    const stripped = await prepareImage(photo, { resizeImages: {}, stripImageMetadata: true });
    expect(stripped.file).toMatchObject({ name: 'small.jpg', type: 'image/jpeg' });
    expect(await has(stripped.file, 'GPSMARK')).toBe(false);
  });

  it('says so when the browser cannot encode the asked type (a PNG comes back for AVIF)', async () => {
    next = async () => ({ blob: blob(5, 'image/png'), width: 1, height: 1 });
    const photo = image(new Uint8Array(100), 'a.jpg', 'image/jpeg');
    const { file, warning } = await prepareImage(photo, { resizeImages: { type: 'image/avif' } });
    expect(file).toBe(photo);
    expect(warning?.message).toContain('this browser cannot encode image/avif');
  });

  it('sends GIFs as they are: their animation would be lost', async () => {
    next = vi.fn();
    const gif = image(new Uint8Array(100), 'a.gif', 'image/gif');
    expect(await prepareImage(gif, { resizeImages: {} })).toEqual({ file: gif });
    expect(next).not.toHaveBeenCalled();
  });
});
