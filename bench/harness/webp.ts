/**
 * The size in pixels of a WebP from its first 30 bytes (RIFF header and
 * first chunk), or `undefined` when the bytes are not a WebP. Covers the
 * three layouts: lossy (`VP8 `), lossless (`VP8L`) and extended (`VP8X`).
 */
export function webpSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 30) return undefined;
  const text = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (text(0, 4) !== 'RIFF' || text(8, 12) !== 'WEBP') return undefined;
  const byte = (at: number) => bytes[at] as number;
  const u16 = (at: number) => byte(at) | (byte(at + 1) << 8);
  const u24 = (at: number) => u16(at) | (byte(at + 2) << 16);
  switch (text(12, 16)) {
    case 'VP8 ':
      // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
      if (byte(23) !== 0x9d || byte(24) !== 0x01 || byte(25) !== 0x2a) return undefined;
      return { width: u16(26) & 0x3fff, height: u16(28) & 0x3fff };
    case 'VP8L': {
      if (byte(20) !== 0x2f) return undefined;
      const bits = byte(21) | (byte(22) << 8) | (byte(23) << 16) | (byte(24) << 24);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { width: u24(24) + 1, height: u24(27) + 1 };
    default:
      return undefined;
  }
}
