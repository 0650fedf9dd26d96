import type { R2UploadWarning } from '../errors/warnings.js';
import type { ImageOptions } from '../policy/image-options.js';
import { processImage } from './image-worker.js';
import { stripImageMetadata } from './strip-metadata.js';

/** The file to upload instead, and why the original went as it was, if it did. */
export interface PreparedImage {
  file: File;
  warning?: R2UploadWarning;
}

/** Types a canvas can decode and re-encode without losing what makes them what they are (a GIF's animation). */
const RESIZABLE = /^image\/(jpeg|png|webp|avif|heic|heif|bmp)$/;

/** The extension each output type is written with. */
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/avif': 'avif', 'image/png': 'png' };

/** `name` with the extension of `type`: `IMG_1.HEIC` → `IMG_1.webp`. */
export function renamedFor(name: string, type: string): string {
  const extension = EXTENSION[type];
  if (!extension) return name;
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${extension}`;
}

const unprocessed = (file: File, why: string): PreparedImage => ({
  file,
  warning: {
    code: 'image_unprocessed',
    message: `${file.name} was uploaded as it is: ${why}`,
    hint: 'The browser could not process this image (a format it does not decode or encode, or a damaged file). Nothing is lost; to require processed images, check the file in `validate` or on the server.',
  },
});

function withBytes(file: File, bytes: BlobPart, name = file.name, type = file.type): File {
  return new File([bytes], name, { type, lastModified: file.lastModified });
}

/** The original with its metadata removed byte for byte, or why it could not be. */
async function stripped(file: File): Promise<PreparedImage> {
  const bytes = stripImageMetadata(new Uint8Array(await file.arrayBuffer()), file.type);
  return bytes ? { file: withBytes(file, bytes as Uint8Array<ArrayBuffer>) } : unprocessed(file, `its metadata could not be removed (${file.type || 'no type'} is not a JPEG or PNG it can parse).`);
}

/**
 * What to upload for `file` under `options`: an image resized to fit and
 * re-encoded (`resizeImages`), or its metadata stripped without re-encoding
 * (`stripImageMetadata`); any other file as it is. Never loses a file: an
 * image that cannot be processed goes as it is, with a warning, and a
 * re-encoded one that came out larger is replaced by the original (stripped,
 * when metadata must go).
 */
export async function prepareImage(file: File, options: ImageOptions): Promise<PreparedImage> {
  const { resizeImages: resize, stripImageMetadata: strip = false } = options;
  if (!file.type.startsWith('image/')) return { file };
  if (!resize || !RESIZABLE.test(file.type)) return strip ? stripped(file) : { file };
  const type = resize.type ?? 'image/webp';
  let output: Blob;
  try {
    ({ blob: output } = await processImage({ op: 'resize', blob: file, maxWidth: resize.maxWidth ?? Infinity, maxHeight: resize.maxHeight ?? Infinity, type, quality: resize.quality }));
  } catch (error) {
    return unprocessed(file, `it could not be decoded or re-encoded (${error instanceof Error ? error.message : String(error)}).`);
  }
  // A browser that cannot encode the type (AVIF, in most) hands back a PNG instead.
  if (output.type !== type) return strip ? stripped(file) : unprocessed(file, `this browser cannot encode ${type}.`);
  if (output.size >= file.size) return strip ? stripped(file) : { file };
  return { file: withBytes(file, output, renamedFor(file.name, type), type) };
}
