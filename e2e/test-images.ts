import type { Page } from '@playwright/test';

/**
 * A JPEG the page's canvas encodes, `width` × `height`, left half red and right
 * half blue: after orientation 6 (turn 90° clockwise to show) red is on top.
 */
export async function canvasJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w!, h!);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#ff0000';
      context.fillRect(0, 0, w! / 2, h!);
      context.fillStyle = '#0000ff';
      context.fillRect(w! / 2, 0, w! / 2, h!);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height],
  );
  return Buffer.from(bytes);
}

/** The GPS latitude the EXIF carries, as text a test can look for in the stored bytes. */
export const GPS_MARK = 'GPSMARK-48.8584N';

/**
 * An APP1 EXIF segment (big-endian TIFF) with Orientation `orientation` and a
 * GPS IFD holding a latitude, plus an ASCII tag a test can search for.
 */
export function exifSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(200);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0 at 8: two entries.
  let at = 8;
  tiff.writeUInt16BE(2, at);
  at += 2;
  tiff.writeUInt16BE(0x0112, at); // Orientation, SHORT, 1
  tiff.writeUInt16BE(3, at + 2);
  tiff.writeUInt32BE(1, at + 4);
  tiff.writeUInt16BE(orientation, at + 8);
  at += 12;
  tiff.writeUInt16BE(0x8825, at); // GPSInfo, LONG, 1 → the GPS IFD
  tiff.writeUInt16BE(4, at + 2);
  tiff.writeUInt32BE(1, at + 4);
  const gpsIfd = 38;
  tiff.writeUInt32BE(gpsIfd, at + 8);
  at += 12;
  tiff.writeUInt32BE(0, at); // no next IFD
  // GPS IFD: GPSLatitudeRef 'N', GPSLatitude 48/1 51/1 30/1, GPSAreaInformation-like ASCII mark.
  at = gpsIfd;
  tiff.writeUInt16BE(3, at);
  at += 2;
  tiff.writeUInt16BE(0x0001, at);
  tiff.writeUInt16BE(2, at + 2);
  tiff.writeUInt32BE(2, at + 4);
  tiff.write('N\0', at + 8, 'latin1');
  at += 12;
  const rationals = 100;
  tiff.writeUInt16BE(0x0002, at);
  tiff.writeUInt16BE(5, at + 2);
  tiff.writeUInt32BE(3, at + 4);
  tiff.writeUInt32BE(rationals, at + 8);
  at += 12;
  const markAt = 130;
  tiff.writeUInt16BE(0x001c, at); // GPSAreaInformation, ASCII
  tiff.writeUInt16BE(2, at + 2);
  tiff.writeUInt32BE(GPS_MARK.length + 1, at + 4);
  tiff.writeUInt32BE(markAt, at + 8);
  at += 12;
  tiff.writeUInt32BE(0, at);
  [48, 1, 51, 1, 30, 1].forEach((value, index) => tiff.writeUInt32BE(value, rationals + index * 4));
  tiff.write(`${GPS_MARK}\0`, markAt, 'latin1');
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** `jpeg` with `segment` right after its SOI marker. */
export const withSegment = (jpeg: Buffer, segment: Buffer): Buffer => Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);

/** Decodes `bytes` in the page: its size as shown (EXIF orientation applied), and the colour at two points given as fractions of it. */
export async function decodedInPage(page: Page, bytes: Buffer, type: string, points: Array<[number, number]>) {
  return page.evaluate(
    async ({ data, mime, at }) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(data)], { type: mime }), { imageOrientation: 'from-image' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const colour = ([x, y]: [number, number]) => {
        const [r, g, b] = context.getImageData(Math.floor(x * bitmap.width), Math.floor(y * bitmap.height), 1, 1).data;
        return r! > 200 && g! < 60 && b! < 60 ? 'red' : b! > 200 && r! < 60 && g! < 60 ? 'blue' : `rgb(${r},${g},${b})`;
      };
      return { width: bitmap.width, height: bitmap.height, colours: at.map(colour), checksum: context.getImageData(0, 0, bitmap.width, bitmap.height).data.reduce((sum, value, index) => (sum + value * ((index % 251) + 1)) % 1_000_000_007, 0) };
    },
    { data: Array.from(bytes), mime: type, at: points },
  );
}
