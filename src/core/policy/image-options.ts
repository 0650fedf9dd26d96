/** How `resizeImages` shrinks photos before they are signed and uploaded. */
export interface ResizeImages {
  /** The largest width, in pixels, after the EXIF orientation is applied. Default: no limit. */
  maxWidth?: number;
  /** The largest height, in pixels. Default: no limit. */
  maxHeight?: number;
  /** The type to re-encode to. Default `image/webp`. A browser that cannot encode it (AVIF, in most) uploads the original, with a warning. */
  type?: 'image/webp' | 'image/jpeg' | 'image/avif';
  /** Encoder quality, 0–1. Default: the browser's (0.8 for WebP and JPEG in Chromium). */
  quality?: number;
}

/** What the uploader does to images before it signs them: both are off by default. */
export interface ImageOptions {
  /**
   * Resizes JPEG, PNG, WebP, AVIF and (where the browser decodes it) HEIC images to fit
   * `maxWidth` × `maxHeight` (never enlarging), applying the EXIF orientation, and
   * re-encodes them: the output carries no EXIF, XMP or IPTC, and its name takes the new
   * extension. The processed bytes are what is signed (size and type) and checked
   * against the rules. Runs in a Web Worker, a few images at a time ahead of their uploads.
   * GIFs go as they are (their animation would be lost).
   */
  resizeImages?: ResizeImages;
  /**
   * Removes metadata without re-encoding: JPEG's APP1 (EXIF, XMP) and APP13 (IPTC)
   * segments and comments, PNG's text, EXIF and time chunks, byte for byte, so the pixels
   * are untouched; an EXIF orientation is kept (alone) so the photo still shows upright.
   * Other types go as they are, with an `image_unprocessed` warning.
   */
  stripImageMetadata?: boolean;
}

/** True when `options` ask for any image processing before upload. */
export const processesImages = (options: ImageOptions): boolean => options.resizeImages !== undefined || options.stripImageMetadata === true;
