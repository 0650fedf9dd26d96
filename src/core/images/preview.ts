/*
 * Image previews, loaded by a UI when it first shows an image (apart from
 * the processing feature, so previews never load the metadata stripper).
 */
import { processImage } from './image-worker.js';

/** Types browsers decode for a preview; HEIC only where the browser itself does (Safari), which decoding finds out. */
const PREVIEWABLE = /^image\/(jpeg|png|webp|gif|avif|heic|heif|bmp)$/;

/**
 * An object URL of a small WebP thumbnail of `file`, `width` pixels wide
 * (default 96: sharp at 48 CSS pixels on a 2× screen), decoded at that size off
 * the main thread; `undefined` for a file that is not an image the browser
 * decodes. The caller revokes the URL (`URL.revokeObjectURL`) when it is no
 * longer shown. Rejects with an `AbortError` when `signal` aborts first.
 */
export async function createPreview(file: File, { width = 96, signal }: { width?: number; signal?: AbortSignal } = {}): Promise<string | undefined> {
  if (!PREVIEWABLE.test(file.type)) return undefined;
  let blob: Blob;
  try {
    ({ blob } = await processImage({ op: 'thumbnail', blob: file, width }, signal));
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
  signal?.throwIfAborted();
  return URL.createObjectURL(blob);
}
