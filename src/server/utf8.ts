/** Bytes a string takes in UTF-8 (lone surrogates count as the 3-byte U+FFFD they become). */
export function utf8Length(value: string): number {
  // TextEncoder writes a lone surrogate as U+FFFD too.
  return new TextEncoder().encode(value).byteLength;
}

function codePointBytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** The longest prefix of `value` that fits in `maxBytes` of UTF-8, cut between code points. */
export function truncateUtf8(value: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of value) {
    bytes += codePointBytes(char.codePointAt(0) ?? 0);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return value.slice(0, end);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the string has no lone surrogates, which cannot be UTF-8 encoded nor URI-encoded. */
export function isWellFormed(value: string): boolean {
  return !new RegExp(LONE_SURROGATE.source).test(value);
}

/** Drops lone surrogates (JSON can carry them as `\ud800` escapes). */
export function dropLoneSurrogates(value: string): string {
  return value.replace(LONE_SURROGATE, '');
}
