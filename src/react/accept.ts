/**
 * Whether a file matches an `accept` attribute value (`"image/*,.pdf"`). The
 * file picker applies `accept` itself; dropped files must be checked by hand.
 * An empty or missing `accept` accepts everything.
 */
export function matchesAccept(file: Pick<File, 'name' | 'type'>, accept: string | undefined): boolean {
  const patterns = (accept ?? '').split(',').map((pattern) => pattern.trim().toLowerCase()).filter(Boolean);
  if (patterns.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return patterns.some((pattern) => {
    if (pattern.startsWith('.')) return name.endsWith(pattern);
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return type === pattern;
  });
}
