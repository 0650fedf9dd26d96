/** The lower-cased `type/subtype`, without parameters (media types are case-insensitive). */
export function mediaTypeEssence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * True when a Content-Type matches one pattern: `type/subtype`, `type/*`, or
 * `*` / `*\/*` for anything. Compared on the essence, so parameters
 * (`; charset=utf-8`) and case never matter.
 */
export function matchesMediaType(contentType: string, pattern: string): boolean {
  const essence = mediaTypeEssence(contentType);
  const wanted = pattern.trim().toLowerCase();
  if (wanted === '*' || wanted === '*/*') return true;
  return wanted.endsWith('/*') ? essence.startsWith(wanted.slice(0, -1)) : essence === wanted;
}

/** Registrations that name one kind of file in two top-level types; Windows types `.csv` as Excel's. */
const ALIASES = new Set(['text/csv application/vnd.ms-excel']);

function subtypeOf(essence: string): string {
  return (essence.split('/')[1] ?? '').replace(/^x-/, '');
}

function familyOf(essence: string): string {
  const top = essence.split('/')[0] ?? '';
  return top === 'video' ? 'audio' : top;
}

/**
 * True when two media types name the same kind of file: the same top-level
 * type (audio and video count as one: `.webm`, `.mp4`), the same subtype
 * under another top-level type (`text/xml`, `application/xml`), or a known
 * alias. So an alias never reads as a lie about the file, while
 * `text/html` against `application/pdf` does.
 */
export function sameKindOfFile(a: string, b: string): boolean {
  const [x, y] = [mediaTypeEssence(a), mediaTypeEssence(b)];
  return familyOf(x) === familyOf(y) || subtypeOf(x) === subtypeOf(y) || ALIASES.has(`${x} ${y}`) || ALIASES.has(`${y} ${x}`);
}
