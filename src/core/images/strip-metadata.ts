/*
 * Photos carry more than pixels: GPS coordinates, camera serial numbers,
 * editing history, captions. This removes those blocks at the byte level,
 * without decoding, so the pixels, the ICC profile and the compressed data
 * reach the bucket exactly as the camera wrote them. Everything is bounds-
 * checked by hand because the input is whatever the user dropped: a file that
 * does not parse gets `undefined`, never an exception.
 */

/** The MIME types {@link stripImageMetadata} understands; for any other it returns `undefined`. */
export const STRIPPABLE_TYPES: readonly string[] = Object.freeze(['image/jpeg', 'image/png']);

// Out-of-range reads give 0 rather than undefined; every caller has checked bounds that matter.
const at = (b: Uint8Array, i: number): number => b[i] ?? 0;
const u16 = (b: Uint8Array, i: number, little = false): number =>
  little ? at(b, i) | (at(b, i + 1) << 8) : (at(b, i) << 8) | at(b, i + 1);
// Multiplication, not <<, so offsets of 2^31 and above stay positive.
const u32 = (b: Uint8Array, i: number, little = false): number =>
  little ? u16(b, i + 2, true) * 0x10000 + u16(b, i, true) : u16(b, i) * 0x10000 + u16(b, i + 2);

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const EXIF_ID = ascii('Exif\0\0');
const JFIF_ID = ascii('JFIF\0');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(b: Uint8Array, offset: number, end: number, prefix: readonly number[]): boolean {
  return end - offset >= prefix.length && prefix.every((value, i) => b[offset + i] === value);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Orientation 1–8 from a TIFF structure (the body of EXIF) in `b[start, end)`, either byte order. */
function tiffOrientation(b: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < 8) return undefined;
  const order = u16(b, start);
  const little = order === 0x4949;
  if ((!little && order !== 0x4d4d) || u16(b, start + 2, little) !== 42) return undefined;
  const ifd = start + u32(b, start + 4, little);
  if (ifd + 2 > end) return undefined;
  const count = u16(b, ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (u16(b, entry, little) !== 0x0112) continue;
    // Only SHORT × 1 is legal for Orientation; anything else is too broken to trust.
    if (u16(b, entry + 2, little) !== 3 || u32(b, entry + 4, little) !== 1) return undefined;
    const value = u16(b, entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A big-endian TIFF holding IFD0 with the single Orientation entry: all a viewer needs to rotate. */
function orientationTiff(orientation: number): number[] {
  return [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
}

// `start` is the first 0xFF, fill bytes included, so a kept segment is copied exactly; `body` follows the length.
interface JpegSegment { marker: number; start: number; body: number; end: number }

/** The segments up to and including SOS (or EOI), whose `end` is then the end of the file. */
function jpegSegments(b: Uint8Array): JpegSegment[] | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const segments: JpegSegment[] = [];
  let pos = 2;
  while (pos < b.length) {
    const start = pos;
    if (b[pos] !== 0xff) return undefined;
    while (b[pos] === 0xff) pos++;
    if (pos >= b.length) return undefined;
    const marker = at(b, pos++);
    if (marker === 0x00 || marker === 0xd8) return undefined;
    // TEM and RSTn carry no length: odd outside a scan but harmless. After an early EOI, pass the rest on.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      segments.push({ marker, start, body: pos, end: marker === 0xd9 ? b.length : pos });
      if (marker === 0xd9) return segments;
      continue;
    }
    // A length cut off by the end of the file reads short and fails the bound below.
    const length = u16(b, pos);
    if (length < 2 || pos + length > b.length) return undefined;
    // From SOS on, markers are only meaningful to a decoder, so the rest is one opaque block.
    const end = marker === 0xda ? b.length : pos + length;
    segments.push({ marker, start, body: pos + 2, end });
    if (marker === 0xda) return segments;
    pos = end;
  }
  // No SOS: the file was cut off before its image data.
  return undefined;
}

const isExif = (b: Uint8Array, s: JpegSegment): boolean => s.marker === 0xe1 && startsWith(b, s.body, s.end, EXIF_ID);

/**
 * The EXIF Orientation (1–8) of a JPEG, in either byte order; `undefined` when
 * the file is not a well-formed JPEG, has no EXIF, or the tag is absent or invalid.
 */
export function readJpegOrientation(bytes: Uint8Array): number | undefined {
  const exif = jpegSegments(bytes)?.find((s) => isExif(bytes, s));
  return exif && tiffOrientation(bytes, exif.body + EXIF_ID.length, exif.end);
}

// APP1 (EXIF, XMP), APP13 (Photoshop/IPTC), COM.
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);

function stripJpeg(b: Uint8Array): Uint8Array | undefined {
  const segments = jpegSegments(b);
  if (!segments) return undefined;
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let insertAt = 1;
  let orientation: number | undefined;
  for (const s of segments) {
    if (JPEG_DROPPED.has(s.marker)) {
      // The first EXIF is the one viewers honour; later ones are ignored by them too.
      if (isExif(b, s)) orientation ??= tiffOrientation(b, s.body + EXIF_ID.length, s.end) ?? 1;
      continue;
    }
    kept.push(b.subarray(s.start, s.end));
    // JFIF requires its APP0 to come first, so the new EXIF goes after it.
    if (kept.length === 2 && s.marker === 0xe0 && startsWith(b, s.body, s.end, JFIF_ID)) insertAt = 2;
  }
  if (orientation !== undefined && orientation !== 1) {
    const body = [...EXIF_ID, ...orientationTiff(orientation)];
    kept.splice(insertAt, 0, Uint8Array.from([0xff, 0xe1, 0, body.length + 2, ...body]));
  }
  return concat(kept);
}

let crcTable: Uint32Array | undefined;

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
}

/** CRC-32 (ISO 3309, as PNG uses it) of `data`. */
function crc32(data: Uint8Array): number {
  // Built on first use: most uploads never write a PNG chunk.
  const table = (crcTable ??= buildCrcTable());
  let crc = 0xffffffff;
  for (const value of data) crc = (table[(crc ^ value) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: readonly number[]): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set([...ascii(type), ...data], 4);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array | undefined {
  if (!startsWith(b, 0, b.length, PNG_SIGNATURE)) return undefined;
  const kept: Uint8Array[] = [b.subarray(0, 8)];
  let pos = 8;
  let sawExif = false;
  for (;;) {
    if (pos + 12 > b.length) return undefined;
    const length = u32(b, pos);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > b.length) return undefined;
    const type = String.fromCharCode(...b.subarray(pos + 4, pos + 8));
    // Chunk types are four letters and IHDR comes first, exactly once: cheap proof this is a PNG.
    if (!/^[A-Za-z]{4}$/.test(type) || (pos === 8) !== (type === 'IHDR')) return undefined;
    if (!PNG_DROPPED.has(type)) kept.push(b.subarray(pos, end));
    else if (type === 'eXIf' && !sawExif) {
      sawExif = true;
      const orientation = tiffOrientation(b, pos + 8, end - 4);
      // Where the old eXIf was, which is before IDAT as the PNG spec requires.
      if (orientation !== undefined && orientation !== 1) kept.push(pngChunk('eXIf', orientationTiff(orientation)));
    }
    pos = end;
    // Bytes after IEND are not chunks; like the tail of a JPEG they are passed on untouched.
    if (type === 'IEND') return concat([...kept, b.subarray(end)]);
  }
}

/**
 * Removes privacy-sensitive metadata from an image, byte for byte, without re-encoding.
 *
 * - `image/jpeg`: drops APP1 (EXIF, XMP), APP13 (IPTC/Photoshop) and COM segments;
 *   every other segment and everything from SOS on is copied verbatim.
 * - `image/png`: drops tEXt, zTXt, iTXt, eXIf and tIME chunks; the others are copied
 *   verbatim, CRCs included.
 *
 * An EXIF Orientation other than 1 survives as a minimal EXIF holding only that
 * tag (after SOI or the JFIF APP0 in a JPEG, in the old eXIf's place in a PNG),
 * so the photo is not shown sideways.
 *
 * @param type - the file's MIME type, compared case-insensitively.
 * @returns a new array, or `undefined` when `type` is not one of {@link STRIPPABLE_TYPES}
 * or the bytes are not a well-formed file of that type (the caller then uploads
 * the original). Never throws.
 */
export function stripImageMetadata(bytes: Uint8Array, type: string): Uint8Array | undefined {
  switch (type.trim().toLowerCase()) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    default:
      return undefined;
  }
}
