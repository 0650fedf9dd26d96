import { MAX_KEY_BYTES, sanitizeFilename } from './filename.js';
import { isWellFormed, utf8Length } from './utf8.js';

/** C0, DEL and C1 controls: legal in S3 keys but a hazard in every tool that shows or logs keys. */
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Why a key cannot be used, or `undefined` when it can. `.` and `..` segments
 * are refused not only as traversal: URL parsers drop them, so the path sent
 * would not be the path signed. Empty segments (a leading, trailing or double
 * `/`) make keys that look like folders.
 */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'it is empty';
  if (!isWellFormed(key)) return 'it has unpaired surrogates';
  if (CONTROL_CHARS.test(key)) return 'it has control characters';
  if (utf8Length(key) > MAX_KEY_BYTES) return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/')) return 'it starts with "/"';
  for (const segment of key.split('/')) {
    if (segment === '') return 'it has an empty segment ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return undefined;
}

/**
 * A prefix without leading or trailing slashes ('' for none). Throws a
 * `TypeError` naming the problem: prefixes come from the app's own code.
 */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const problem = keyProblem(trimmed);
  if (problem) throw new TypeError(`The key prefix ${JSON.stringify(prefix)} is unusable: ${problem}.`);
  return trimmed;
}

/** True when the key lies inside the prefix ('' confines nothing). */
export function isWithinPrefix(key: string, prefix: string): boolean {
  return prefix === '' || key.startsWith(`${prefix}/`);
}

/**
 * `<prefix>/<id>/<sanitized filename>`. The random id keeps two users'
 * `photo.jpg` apart and makes keys unguessable; the name is shortened so the
 * whole key fits in 1,024 bytes.
 */
export function defaultObjectKey(prefix: string, id: string, filename: string): string {
  const directory = prefix === '' ? `${id}/` : `${prefix}/${id}/`;
  const budget = MAX_KEY_BYTES - utf8Length(directory);
  if (budget < 1) throw new TypeError(`The key prefix ${JSON.stringify(prefix)} leaves no room for a file name.`);
  return directory + sanitizeFilename(filename, budget);
}

/**
 * Encodes one path segment the way SigV4 canonicalizes it: RFC 3986, which
 * unlike `encodeURIComponent` also escapes `!'()*`. The store compares the
 * raw path it receives with the signed one, so any other form is refused
 * with SignatureDoesNotMatch.
 */
export function encodeRfc3986(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The key as a URL path: each segment encoded once, the slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}
