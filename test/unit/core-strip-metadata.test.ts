import { crc32 as nodeCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJpegOrientation, STRIPPABLE_TYPES, stripImageMetadata } from '../../src/core/images/strip-metadata.ts';

const bytes = (...parts: (readonly number[] | string | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : Array.from(part))));

const indexOf = (haystack: Uint8Array, needle: Uint8Array | string): number => {
  const n = typeof needle === 'string' ? bytes(needle) : needle;
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
};

/** A TIFF (EXIF body) with IFD0 = [Orientation?, GPS IFD pointer] and a GPS IFD with latitude ref and latitude. */
function tiff(little: boolean, orientation?: number): Uint8Array {
  const out: number[] = [];
  const w16 = (v: number) => out.push(...(little ? [v & 0xff, v >>> 8] : [v >>> 8, v & 0xff]));
  const w32 = (v: number) => (little ? (w16(v & 0xffff), w16(v >>> 16)) : (w16(v >>> 16), w16(v & 0xffff)));
  const entries = orientation === undefined ? 1 : 2;
  const gps = 8 + 2 + 12 * entries + 4;
  const gpsData = gps + 2 + 24 + 4;
  out.push(...(little ? [0x49, 0x49] : [0x4d, 0x4d]));
  w16(42);
  w32(8);
  w16(entries);
  if (orientation !== undefined) (w16(0x0112), w16(3), w32(1), w16(orientation), w16(0));
  (w16(0x8825), w16(4), w32(1), w32(gps));
  w32(0);
  w16(2);
  (w16(1), w16(2), w32(2), out.push(0x4e, 0, 0, 0)); // GPSLatitudeRef "N"
  (w16(2), w16(5), w32(3), w32(gpsData)); // GPSLatitude, 3 RATIONALs
  w32(0);
  for (const [num, den] of [[52, 1], [31, 1], [1234, 100]] as const) (w32(num), w32(den));
  return Uint8Array.from(out);
}

const segment = (marker: number, ...body: Parameters<typeof bytes>): Uint8Array => {
  const data = bytes(...body);
  return bytes([0xff, marker, (data.length + 2) >>> 8, (data.length + 2) & 0xff], data);
};

const SOI = bytes([0xff, 0xd8]);
const APP0 = segment(0xe0, 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
const exifApp1 = (little: boolean, orientation?: number) => segment(0xe1, 'Exif\0\0', tiff(little, orientation));
const XMP = segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0', '<x:xmpmeta><rdf:Description xmp:CreatorTool="Phone" exif:GPSLatitude="52,31.2N"/></x:xmpmeta>');
const APP13 = segment(0xed, 'Photoshop 3.0\0', '8BIM', [0x04, 0x04, 0, 0, 0, 0, 0, 14, 0x1c, 0x02, 0x74, 0, 10], 'Jane Roe(c)');
const COM = segment(0xfe, 'secret comment');
const APP2 = segment(0xe2, 'ICC_PROFILE\0', [1, 1, 0, 0, 0, 0]);
const DQT = segment(0xdb, [0], new Array<number>(64).fill(1));
const SOF0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
const DHT = segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0]);
// The scan, with byte stuffing (FF 00) and a restart marker, then EOI and a trailer.
const SCAN = bytes(segment(0xda, [1, 1, 0x00, 0, 63, 0]), [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0x9a, 0xff, 0xd9]);
const TABLES = [APP2, DQT, SOF0, DHT, SCAN];

const minimalExif = (orientation: number) =>
  bytes([0xff, 0xe1, 0, 34], 'Exif\0\0', [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
const photo = (little: boolean, orientation?: number) => bytes(SOI, APP0, exifApp1(little, orientation), XMP, APP13, COM, ...TABLES);

const crc32 = (data: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const value of data) {
    crc ^= value;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, ...data: Parameters<typeof bytes>): Uint8Array => {
  const body = bytes(type, ...data);
  const n = body.length - 4;
  const crc = crc32(body);
  return bytes([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], body, [crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]);
};

const PNG_SIG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const PHYS = chunk('pHYs', [0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]);
const IDAT = chunk('IDAT', [0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0, 0, 3, 1, 1, 0]);
const IEND = chunk('IEND');
const TEXT = [chunk('tEXt', 'Comment\0hello from Jane'), chunk('zTXt', 'Author\0\0', [0x78, 0x9c, 3, 0]), chunk('iTXt', 'Location\0\0\0\0\0Berlin')];
const TIME = chunk('tIME', [0x07, 0xe8, 5, 17, 12, 0, 0]);
const png = (exif?: Uint8Array) => bytes(PNG_SIG, IHDR, ...TEXT, TIME, ...(exif ? [chunk('eXIf', exif)] : []), PHYS, IDAT, chunk('tEXt', 'late\0text'), IEND);

const LEAKS = ['http://ns.adobe.com/xap', 'xmpmeta', 'Photoshop 3.0', '8BIM', 'Jane', 'secret comment', 'hello', 'Berlin', 'Author', 'late'];
function expectNoLeaks(out: Uint8Array): void {
  for (const leak of LEAKS) expect(indexOf(out, leak), leak).toBe(-1);
  for (const gpsTag of [[0x88, 0x25], [0x25, 0x88]]) expect(indexOf(out, Uint8Array.from(gpsTag))).toBe(-1);
  expect(indexOf(out, bytes([0, 0, 0x04, 0xd2, 0, 0, 0, 100])), 'GPS latitude seconds').toBe(-1);
}

describe('stripImageMetadata: JPEG', () => {
  it.each([['II', true], ['MM', false]] as const)('drops EXIF/GPS, XMP, IPTC and COM but keeps orientation 6 (%s)', (_, little) => {
    const input = photo(little, 6);
    expect(readJpegOrientation(input)).toBe(6);
    const out = stripImageMetadata(input, 'image/jpeg');
    expect(out).toEqual(bytes(SOI, APP0, minimalExif(6), ...TABLES));
    expectNoLeaks(out!);
    expect(readJpegOrientation(out!)).toBe(6);
  });

  it.each([
    ['orientation 1', photo(false, 1)],
    ['EXIF without orientation', photo(true)],
    ['no EXIF at all', bytes(SOI, APP0, XMP, COM, ...TABLES)],
    ['an invalid orientation (9)', photo(true, 9)],
  ])('writes no APP1 at all for %s', (_, input) => {
    const out = stripImageMetadata(input, 'image/jpeg')!;
    expect(out).toEqual(bytes(SOI, APP0, ...TABLES));
    expect(indexOf(out, bytes([0xff, 0xe1]))).toBe(-1);
    expect(readJpegOrientation(out)).toBeUndefined();
  });

  it('puts the orientation right after SOI when there is no JFIF APP0, and keeps fill bytes and an odd marker order', () => {
    const input = bytes(SOI, COM, APP2, [0xff], exifApp1(true, 8), DQT, [0xff, 0xff], SOF0, DHT, APP13, SCAN);
    expect(stripImageMetadata(input, 'image/jpeg')).toEqual(bytes(SOI, minimalExif(8), APP2, DQT, [0xff, 0xff], SOF0, DHT, SCAN));
  });

  it('uses the first EXIF for orientation and strips every later one', () => {
    const out = stripImageMetadata(bytes(SOI, APP0, exifApp1(false, 3), exifApp1(true, 6), ...TABLES), 'image/jpeg');
    expect(out).toEqual(bytes(SOI, APP0, minimalExif(3), ...TABLES));
  });

  it('returns a JPEG with nothing to strip byte-identical, and is idempotent', () => {
    const clean = bytes(SOI, APP0, ...TABLES);
    expect(stripImageMetadata(clean, 'image/jpeg')).toEqual(clean);
    const once = stripImageMetadata(photo(true, 6), 'image/jpeg')!;
    expect(stripImageMetadata(once, 'image/jpeg')).toEqual(once);
  });
});

describe('readJpegOrientation', () => {
  it('reads 1–8 in both byte orders', () => {
    for (let orientation = 1; orientation <= 8; orientation++) {
      expect(readJpegOrientation(photo(true, orientation))).toBe(orientation);
      expect(readJpegOrientation(photo(false, orientation))).toBe(orientation);
    }
  });

  it('is undefined without EXIF, without the tag, with a broken TIFF, or for something other than a JPEG', () => {
    expect(readJpegOrientation(bytes(SOI, APP0, ...TABLES))).toBeUndefined();
    expect(readJpegOrientation(photo(false))).toBeUndefined();
    expect(readJpegOrientation(bytes(SOI, segment(0xe1, 'Exif\0\0', 'XX\0*\0\0\0\x08'), ...TABLES))).toBeUndefined();
    expect(readJpegOrientation(png(tiff(false, 6)))).toBeUndefined();
    expect(readJpegOrientation(new Uint8Array())).toBeUndefined();
  });
});

describe('stripImageMetadata: PNG', () => {
  it('knows the CRC-32 it checks against', () => {
    expect(crc32(bytes('IEND'))).toBe(0xae426082);
    expect(nodeCrc32(bytes('IEND'))).toBe(0xae426082);
    expect(Array.from(IEND.subarray(8))).toEqual([0xae, 0x42, 0x60, 0x82]);
  });

  it('drops text, eXIf and tIME chunks, copies the others with their CRCs, and keeps orientation 6 in a new eXIf', () => {
    const out = stripImageMetadata(png(tiff(true, 6)), 'image/png')!;
    const exif = chunk('eXIf', [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    expect(out).toEqual(bytes(PNG_SIG, IHDR, exif, PHYS, IDAT, IEND));
    expectNoLeaks(out);
    const at = indexOf(out, 'eXIf') - 4;
    const length = new DataView(out.buffer).getUint32(at);
    const crc = new DataView(out.buffer).getUint32(at + 8 + length);
    expect(crc).toBe(nodeCrc32(out.subarray(at + 4, at + 8 + length)));
    expect(stripImageMetadata(out, 'image/png')).toEqual(out);
  });

  it.each([
    ['orientation 1', png(tiff(false, 1))],
    ['no orientation', png(tiff(false))],
    ['no eXIf', png()],
  ])('writes no eXIf for %s', (_, input) => {
    expect(stripImageMetadata(input, 'image/png')).toEqual(bytes(PNG_SIG, IHDR, PHYS, IDAT, IEND));
  });

  it('returns a PNG with nothing to strip byte-identical, trailing bytes included', () => {
    const clean = bytes(PNG_SIG, IHDR, chunk('PLTE', [0, 0, 0]), PHYS, IDAT, IEND, 'trailer');
    expect(stripImageMetadata(clean, 'image/png')).toEqual(clean);
  });
});

describe('stripImageMetadata: what it refuses', () => {
  const jpeg = photo(true, 6);
  const image = png(tiff(true, 6));

  it('lists the types it handles', () => {
    expect(STRIPPABLE_TYPES).toEqual(['image/jpeg', 'image/png']);
    expect(stripImageMetadata(jpeg, 'IMAGE/JPEG')).toBeDefined();
  });

  it.each([
    ['an empty file', new Uint8Array(), 'image/jpeg'],
    ['a PNG called a JPEG', image, 'image/jpeg'],
    ['a JPEG called a PNG', jpeg, 'image/png'],
    ['another type', jpeg, 'image/gif'],
    ['an empty type', jpeg, ''],
    ['a JPEG cut inside its EXIF', jpeg.subarray(0, SOI.length + APP0.length + 30), 'image/jpeg'],
    ['a JPEG cut before SOS', jpeg.subarray(0, jpeg.length - SCAN.length), 'image/jpeg'],
    ['a JPEG cut inside its SOS header', bytes(SOI, APP0, DQT, SOF0, DHT, SCAN.subarray(0, 7)), 'image/jpeg'],
    ['a JPEG with a segment length under 2', bytes(SOI, [0xff, 0xe0, 0, 1], ...TABLES), 'image/jpeg'],
    ['a JPEG with garbage between segments', bytes(SOI, APP0, [0x12], ...TABLES), 'image/jpeg'],
    ['just SOI', SOI, 'image/jpeg'],
    ['a bad PNG signature', bytes([0x89], 'PNG\r\n\x1a\x0b', IHDR, IDAT, IEND), 'image/png'],
    ['a PNG cut inside a chunk', image.subarray(0, PNG_SIG.length + IHDR.length + 10), 'image/png'],
    ['a PNG without IEND', bytes(PNG_SIG, IHDR, IDAT), 'image/png'],
    ['a PNG not starting with IHDR', bytes(PNG_SIG, PHYS, IHDR, IDAT, IEND), 'image/png'],
    ['a PNG with a chunk length over 2^31', bytes(PNG_SIG, IHDR, [0x80, 0, 0, 0], 'IDAT'), 'image/png'],
    ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) & 0xff), 'image/png'],
  ])('returns undefined for %s', (_, input, type) => {
    expect(stripImageMetadata(input, type)).toBeUndefined();
  });

  it('never throws on thousands of mutations and truncations, and what it returns strips to itself', () => {
    let seed = 0x2545f491;
    const random = (n: number) => {
      seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      return seed % n;
    };
    let parsed = 0;
    for (let round = 0; round < 4000; round++) {
      const [source, type] = round % 2 ? ([jpeg, 'image/jpeg'] as const) : ([image, 'image/png'] as const);
      let input = source.slice();
      for (let flips = random(4); flips >= 0; flips--) input[random(input.length)] = random(256);
      if (random(3) === 0) input = input.subarray(0, random(input.length + 1));
      const out = stripImageMetadata(input, type);
      readJpegOrientation(input);
      if (out) {
        parsed++;
        expect(stripImageMetadata(out, type), `round ${round}`).toEqual(out);
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });
});
