/*
 * The image processing feature, loaded only by an uploader with `resizeImages`
 * or `stripImageMetadata` (previews load apart, from preview.ts): a page
 * without either pays nothing for them.
 */
import type { ImageOptions } from '../policy/image-options.js';
import { pageSlot } from '../page/page-runtime.js';
import { prepareImage as prepareOne, type PreparedImage } from './prepare-image.js';
import { createTurns } from './turns.js';

export type { PreparedImage } from './prepare-image.js';

/** Images read into memory at once, page-wide: stripping reads a whole file, and 100 photos of 12 MB must not all be read together. */
const preparations = pageSlot('image-preparations@1', () => ({ inTurn: createTurns(2) }));

/**
 * What to upload for `file`: resized, stripped or as it is (see `ImageOptions`),
 * two files at a time in the order they were added.
 */
export function prepareImage(file: File, options: ImageOptions): Promise<PreparedImage> {
  return preparations.inTurn(() => prepareOne(file, options));
}
