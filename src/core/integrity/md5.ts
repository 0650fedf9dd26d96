/**
 * Incremental MD5 (RFC 1321). S3-compatible stores answer a PUT with the MD5
 * of the body as its ETag, and a multipart upload with the MD5 of its parts'
 * MD5s, so checking an upload end to end needs MD5, which SubtleCrypto lacks.
 * It is fed in chunks, so a file is never held in memory whole. Not a
 * security primitive: it detects corruption, not tampering.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A running MD5: `update` with bytes, then `digest` once. */
export interface Md5State {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

/**
 * Returns a factory of running MD5s. Everything it needs is inside it, and it
 * is written without classes, spread or async, because its source text also
 * runs in the MD5 worker (md5-worker-source.ts): a minifier or a transpiler
 * may rename or add module-scope names, but never inside a function this plain.
 */
export function md5Engine(): () => Md5State {
  function ff(a: number, b: number, c: number, d: number, x: number, s: number, t: number): number {
    const n = (a + ((b & c) | (~b & d)) + x + t) | 0;
    return (((n << s) | (n >>> (32 - s))) + b) | 0;
  }
  function gg(a: number, b: number, c: number, d: number, x: number, s: number, t: number): number {
    const n = (a + ((b & d) | (c & ~d)) + x + t) | 0;
    return (((n << s) | (n >>> (32 - s))) + b) | 0;
  }
  function hh(a: number, b: number, c: number, d: number, x: number, s: number, t: number): number {
    const n = (a + (b ^ c ^ d) + x + t) | 0;
    return (((n << s) | (n >>> (32 - s))) + b) | 0;
  }
  function ii(a: number, b: number, c: number, d: number, x: number, s: number, t: number): number {
    const n = (a + (c ^ (b | ~d)) + x + t) | 0;
    return (((n << s) | (n >>> (32 - s))) + b) | 0;
  }

  /** One 64-byte block, the 16 little-endian words `x[o]`..`x[o + 15]`, unrolled: this is where all the time goes. */
  function compress(state: Int32Array, x: Int32Array, o: number): void {
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    a = ff(a, b, c, d, x[o + 0]!, 7, -680876936); d = ff(d, a, b, c, x[o + 1]!, 12, -389564586); c = ff(c, d, a, b, x[o + 2]!, 17, 606105819); b = ff(b, c, d, a, x[o + 3]!, 22, -1044525330);
    a = ff(a, b, c, d, x[o + 4]!, 7, -176418897); d = ff(d, a, b, c, x[o + 5]!, 12, 1200080426); c = ff(c, d, a, b, x[o + 6]!, 17, -1473231341); b = ff(b, c, d, a, x[o + 7]!, 22, -45705983);
    a = ff(a, b, c, d, x[o + 8]!, 7, 1770035416); d = ff(d, a, b, c, x[o + 9]!, 12, -1958414417); c = ff(c, d, a, b, x[o + 10]!, 17, -42063); b = ff(b, c, d, a, x[o + 11]!, 22, -1990404162);
    a = ff(a, b, c, d, x[o + 12]!, 7, 1804603682); d = ff(d, a, b, c, x[o + 13]!, 12, -40341101); c = ff(c, d, a, b, x[o + 14]!, 17, -1502002290); b = ff(b, c, d, a, x[o + 15]!, 22, 1236535329);
    a = gg(a, b, c, d, x[o + 1]!, 5, -165796510); d = gg(d, a, b, c, x[o + 6]!, 9, -1069501632); c = gg(c, d, a, b, x[o + 11]!, 14, 643717713); b = gg(b, c, d, a, x[o + 0]!, 20, -373897302);
    a = gg(a, b, c, d, x[o + 5]!, 5, -701558691); d = gg(d, a, b, c, x[o + 10]!, 9, 38016083); c = gg(c, d, a, b, x[o + 15]!, 14, -660478335); b = gg(b, c, d, a, x[o + 4]!, 20, -405537848);
    a = gg(a, b, c, d, x[o + 9]!, 5, 568446438); d = gg(d, a, b, c, x[o + 14]!, 9, -1019803690); c = gg(c, d, a, b, x[o + 3]!, 14, -187363961); b = gg(b, c, d, a, x[o + 8]!, 20, 1163531501);
    a = gg(a, b, c, d, x[o + 13]!, 5, -1444681467); d = gg(d, a, b, c, x[o + 2]!, 9, -51403784); c = gg(c, d, a, b, x[o + 7]!, 14, 1735328473); b = gg(b, c, d, a, x[o + 12]!, 20, -1926607734);
    a = hh(a, b, c, d, x[o + 5]!, 4, -378558); d = hh(d, a, b, c, x[o + 8]!, 11, -2022574463); c = hh(c, d, a, b, x[o + 11]!, 16, 1839030562); b = hh(b, c, d, a, x[o + 14]!, 23, -35309556);
    a = hh(a, b, c, d, x[o + 1]!, 4, -1530992060); d = hh(d, a, b, c, x[o + 4]!, 11, 1272893353); c = hh(c, d, a, b, x[o + 7]!, 16, -155497632); b = hh(b, c, d, a, x[o + 10]!, 23, -1094730640);
    a = hh(a, b, c, d, x[o + 13]!, 4, 681279174); d = hh(d, a, b, c, x[o + 0]!, 11, -358537222); c = hh(c, d, a, b, x[o + 3]!, 16, -722521979); b = hh(b, c, d, a, x[o + 6]!, 23, 76029189);
    a = hh(a, b, c, d, x[o + 9]!, 4, -640364487); d = hh(d, a, b, c, x[o + 12]!, 11, -421815835); c = hh(c, d, a, b, x[o + 15]!, 16, 530742520); b = hh(b, c, d, a, x[o + 2]!, 23, -995338651);
    a = ii(a, b, c, d, x[o + 0]!, 6, -198630844); d = ii(d, a, b, c, x[o + 7]!, 10, 1126891415); c = ii(c, d, a, b, x[o + 14]!, 15, -1416354905); b = ii(b, c, d, a, x[o + 5]!, 21, -57434055);
    a = ii(a, b, c, d, x[o + 12]!, 6, 1700485571); d = ii(d, a, b, c, x[o + 3]!, 10, -1894986606); c = ii(c, d, a, b, x[o + 10]!, 15, -1051523); b = ii(b, c, d, a, x[o + 1]!, 21, -2054922799);
    a = ii(a, b, c, d, x[o + 8]!, 6, 1873313359); d = ii(d, a, b, c, x[o + 15]!, 10, -30611744); c = ii(c, d, a, b, x[o + 6]!, 15, -1560198380); b = ii(b, c, d, a, x[o + 13]!, 21, 1309151649);
    a = ii(a, b, c, d, x[o + 4]!, 6, -145523070); d = ii(d, a, b, c, x[o + 11]!, 10, -1120210379); c = ii(c, d, a, b, x[o + 2]!, 15, 718787259); b = ii(b, c, d, a, x[o + 9]!, 21, -343485551);
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
  }

  // Words are little-endian: on a little-endian machine (every browser's, in practice) a block is read in place.
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

  return function createMd5(): Md5State {
    const state = new Int32Array([1732584193, -271733879, -1732584194, 271733878]);
    const words = new Int32Array(16);
    const block = new Uint8Array(64);
    let blockLength = 0;
    let byteLength = 0;

    function compressBytes(bytes: Uint8Array, offset: number): void {
      for (let i = 0; i < 16; i++) {
        const at = offset + i * 4;
        words[i] = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
      }
      compress(state, words, 0);
    }

    function update(bytes: Uint8Array): void {
      byteLength += bytes.length;
      let offset = 0;
      if (blockLength > 0) {
        const take = Math.min(64 - blockLength, bytes.length);
        block.set(bytes.subarray(0, take), blockLength);
        blockLength += take;
        offset = take;
        if (blockLength < 64) return;
        compressBytes(block, 0);
        blockLength = 0;
      }
      const start = bytes.byteOffset + offset;
      const whole = (bytes.length - offset) >> 6;
      if (littleEndian && (start & 3) === 0 && whole > 0) {
        const view = new Int32Array(bytes.buffer, start, whole * 16);
        for (let o = 0; o < view.length; o += 16) compress(state, view, o);
        offset += whole * 64;
      }
      for (; offset + 64 <= bytes.length; offset += 64) compressBytes(bytes, offset);
      if (offset < bytes.length) {
        block.set(bytes.subarray(offset), 0);
        blockLength = bytes.length - offset;
      }
    }

    function digest(): Uint8Array {
      const bits = byteLength * 8;
      const padding = new Uint8Array(blockLength < 56 ? 64 - blockLength : 128 - blockLength);
      padding[0] = 0x80;
      const view = new DataView(padding.buffer);
      view.setUint32(padding.length - 8, bits >>> 0, true);
      view.setUint32(padding.length - 4, Math.floor(bits / 4294967296), true);
      update(padding);
      const out = new Uint8Array(16);
      for (let i = 0; i < 4; i++) {
        const word = state[i]!;
        out[i * 4] = word & 0xff;
        out[i * 4 + 1] = (word >>> 8) & 0xff;
        out[i * 4 + 2] = (word >>> 16) & 0xff;
        out[i * 4 + 3] = (word >>> 24) & 0xff;
      }
      return out;
    }

    return { update, digest };
  };
}

const createMd5 = md5Engine();

/** An MD5 computation fed chunk by chunk. */
export class Md5 {
  private readonly running = createMd5();
  private result: Uint8Array | undefined;

  /** Adds bytes (or a string, as UTF-8). */
  update(data: Uint8Array | string): this {
    if (this.result) throw new Error('This MD5 is already finished.');
    this.running.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }

  /** The 16-byte digest; the instance takes no more data afterwards. */
  digest(): Uint8Array {
    this.result ??= this.running.digest();
    return this.result.slice();
  }

  /** The digest as 32 lower-case hex digits. */
  hex(): string {
    return toHex(this.digest());
  }
}

/** Bytes as lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX[byte];
  return out;
}

/** The MD5 of `data` (bytes, or a string as UTF-8) as 32 lower-case hex digits. */
export function md5Hex(data: Uint8Array | string): string {
  return new Md5().update(data).hex();
}
