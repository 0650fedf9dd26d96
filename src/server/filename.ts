import { dropLoneSurrogates, truncateUtf8, utf8Length } from './utf8.js';

/** R2 and S3 keys are at most 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

/** Used when nothing usable is left of a name. */
const FALLBACK_NAME = 'file';

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators that
 * break logs, and the invisible bidi controls that can make `gpj.exe` display
 * as `exe.jpg` (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
 */
const UNSAFE_CHARS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Windows device names, reserved with any extension (`con.txt` too): a
 * download saved under one fails or talks to a device.
 */
const RESERVED_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;

/** Extensions longer than this are more likely part of the name than a type. */
const MAX_EXTENSION_BYTES = 32;

/**
 * Turns a client-supplied file name into one safe as the last segment of an
 * object key: no path (old browsers sent `C:\...\name`), no control or bidi
 * characters, NFC (so `é` typed on macOS and Windows is one key), whitespace
 * collapsed, no dot-only or hidden names, no trailing dots (Windows drops
 * them), Windows device names prefixed with `_`, and at most `maxBytes` of
 * UTF-8 with the extension kept. Never empty: falls back to `file`.
 */
export function sanitizeFilename(name: string, maxBytes: number = MAX_KEY_BYTES): string {
  const cleaned = dropLoneSurrogates(name).normalize('NFC').replace(UNSAFE_CHARS, '');
  const base = cleaned.split(/[/\\]/).filter((part) => part.trim() !== '').at(-1) ?? '';
  const tidy = base
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');
  const safe = RESERVED_NAME.test(tidy) ? `_${tidy}` : tidy;
  return truncateKeepingExtension(safe === '' ? FALLBACK_NAME : safe, maxBytes);
}

/** Shortens the stem so the name fits, keeping a short extension so the file still opens right. */
function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (utf8Length(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const extensionBytes = utf8Length(extension);
  if (extension === '' || extensionBytes > MAX_EXTENSION_BYTES || extensionBytes >= maxBytes) {
    return truncateUtf8(name, maxBytes).trimEnd() || truncateUtf8(FALLBACK_NAME, maxBytes);
  }
  // A cut can leave the stem ending in a dot or space, which would read as `name..pdf` or `name .pdf`.
  const stem = truncateUtf8(name.slice(0, dot), maxBytes - extensionBytes).replace(/[. ]+$/, '');
  return `${stem || truncateUtf8(FALLBACK_NAME, maxBytes - extensionBytes)}${extension}`;
}
